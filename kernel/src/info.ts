/** kernel_info_reply content and the package version, read once at start. */
import { readFileSync } from 'node:fs';
import { PROTOCOL_VERSION } from './protocol/messages.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** The TypeScript syntax level cells accept (sucrase strips types of this TypeScript line). */
export const TYPESCRIPT_SYNTAX = '5.9';

export function kernelInfo(): Record<string, unknown> {
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'tsml',
    implementation_version: VERSION,
    language_info: {
      name: 'typescript',
      version: TYPESCRIPT_SYNTAX,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      codemirror_mode: 'typescript',
      pygments_lexer: 'typescript',
      nbconvert_exporter: 'script',
    },
    banner: `tsml ${VERSION}: TypeScript notebooks for hands-on machine learning (Node.js ${process.version})`,
    help_links: [
      { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/intro.html' },
      { text: 'TensorFlow.js API', url: 'https://js.tensorflow.org/api/latest/' },
      { text: 'Arquero API', url: 'https://idl.uw.edu/arquero/api/' },
      { text: 'Node.js API', url: 'https://nodejs.org/docs/latest-v20.x/api/' },
    ],
    debugger: false,
  };
}
