import './index.css';
import './table.css';
