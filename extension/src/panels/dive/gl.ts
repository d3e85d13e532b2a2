/**
 * Points on plain WebGL2 (no regl: the few calls needed cost no bundle size,
 * and WebGL2 gives integer attributes and texelFetch without extensions).
 *
 * One vertex per row, drawn as gl.POINTS from per-row attribute buffers (cell,
 * x, y, colour, size, flags), so a view change re-uploads only the buffers it
 * changed: a recolour is one byte per point, a selection one byte per point.
 * Positions are cell-relative float32; each frame the CPU writes, per cell,
 * the camera centre in that cell's coordinates as a float64 split into
 * float32 high and low parts (texture), and the shader subtracts both — exact
 * at any zoom. An element buffer lists rows grouped by cell, randomly inside
 * each, so off-screen cells are skipped and a frame during zoom/pan can draw
 * a fair subset of each cell, the full frame following when the motion stops.
 */
import { cellOrigin, pointPixels, toScreen, type Camera, type DiveLayout, type Viewport } from 'tsml/dive';

const VERT = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
layout(location = 0) in uint aCell;
layout(location = 1) in float aX;
layout(location = 2) in float aY;
layout(location = 3) in uint aColor;
layout(location = 4) in uint aSize;
layout(location = 5) in uint aFlags;
uniform sampler2D uCells;
uniform sampler2D uPalette;
uniform vec2 uHalf;
uniform float uScale;
uniform float uBase;
uniform float uDpr;
uniform float uMaxSize;
uniform bool uSized;
uniform bool uDim;
uniform bool uRing;
uniform vec3 uBg;
uniform vec3 uRingColor;
out vec4 vColor;
void main() {
  int c = int(aCell);
  vec4 centre = texelFetch(uCells, ivec2(c & 4095, c >> 12), 0);
  vec2 d = (vec2(aX, aY) - centre.xy) - centre.zw;
  vec2 px = d * uScale;
  gl_Position = vec4(px.x / uHalf.x, -px.y / uHalf.y, 0.0, 1.0);
  float size = uBase * (uSized ? 0.4 + 1.6 * float(aSize) / 255.0 : 1.0);
  vec4 col = texelFetch(uPalette, ivec2(int(aColor), 0), 0);
  if (uDim && (aFlags & 1u) == 0u) col.rgb = mix(col.rgb, uBg, 0.82);
  if (uRing) { size += 6.0; col = vec4(uRingColor, 1.0); }
  gl_PointSize = clamp(size * uDpr, 1.0, uMaxSize);
  vColor = col;
}`;

const FRAG = `#version 300 es
precision mediump float;
uniform bool uRound;
uniform bool uRing;
in vec4 vColor;
out vec4 outColor;
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float r = uRound ? length(p) : max(abs(p.x), abs(p.y));
  if (r > 1.0 || (uRing && r < 0.62)) discard;
  outColor = vColor;
}`;

export interface FrameState {
  cam: Camera;
  /** The scale that fits the whole grid. */
  fit: number;
  vp: Viewport;
  dpr: number;
  dim: boolean;
  /** Most points to draw (a fair subset of every visible cell); Infinity for all. */
  budget: number;
  background: [number, number, number];
  ring: [number, number, number];
}

type Buf = { buffer: WebGLBuffer; bytes: number };

function compile(gl: WebGL2RenderingContext, type: number, src: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, src);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`Dive shader: ${gl.getShaderInfoLog(s)}`);
  return s;
}

export class GlPoints {
  private readonly gl: WebGL2RenderingContext;
  private readonly program: WebGLProgram;
  private readonly vao: WebGLVertexArrayObject;
  private readonly buffers = new Map<string, Buf>();
  private readonly cellTex: WebGLTexture;
  private readonly paletteTex: WebGLTexture;
  private readonly uniforms = new Map<string, WebGLUniformLocation | null>();
  private readonly maxPoint: number;
  private layout: DiveLayout | null = null;
  private highlightCount = 0;
  private cellData = new Float32Array(0);

  /** A renderer on this canvas, or null where WebGL2 is unavailable. */
  static create(canvas: HTMLCanvasElement): GlPoints | null {
    const gl = canvas.getContext('webgl2', { antialias: false, alpha: true, premultipliedAlpha: true, preserveDrawingBuffer: false, depth: false, stencil: false });
    if (!gl) return null;
    try {
      return new GlPoints(gl);
    } catch {
      return null;
    }
  }

  private constructor(gl: WebGL2RenderingContext) {
    this.gl = gl;
    const p = gl.createProgram()!;
    gl.attachShader(p, compile(gl, gl.VERTEX_SHADER, VERT));
    gl.attachShader(p, compile(gl, gl.FRAGMENT_SHADER, FRAG));
    gl.linkProgram(p);
    if (!gl.getProgramParameter(p, gl.LINK_STATUS)) throw new Error(`Dive program: ${gl.getProgramInfoLog(p)}`);
    this.program = p;
    this.vao = gl.createVertexArray()!;
    this.cellTex = this.texture();
    this.paletteTex = this.texture();
    this.maxPoint = (gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array)[1];
  }

  /** Where the renderer runs, for the status line and the benchmark. */
  describe(): string {
    const gl = this.gl;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  }

  private texture(): WebGLTexture {
    const gl = this.gl;
    const t = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, t);
    for (const p of [gl.TEXTURE_MIN_FILTER, gl.TEXTURE_MAG_FILTER]) gl.texParameteri(gl.TEXTURE_2D, p, gl.NEAREST);
    for (const p of [gl.TEXTURE_WRAP_S, gl.TEXTURE_WRAP_T]) gl.texParameteri(gl.TEXTURE_2D, p, gl.CLAMP_TO_EDGE);
    return t;
  }

  private u(name: string): WebGLUniformLocation | null {
    if (!this.uniforms.has(name)) this.uniforms.set(name, this.gl.getUniformLocation(this.program, name));
    return this.uniforms.get(name)!;
  }

  private upload(name: string, target: number, data: ArrayBufferView): void {
    const gl = this.gl;
    let b = this.buffers.get(name);
    if (!b) {
      b = { buffer: gl.createBuffer()!, bytes: 0 };
      this.buffers.set(name, b);
    }
    gl.bindBuffer(target, b.buffer);
    if (b.bytes === data.byteLength) gl.bufferSubData(target, 0, data);
    else gl.bufferData(target, data, gl.STATIC_DRAW);
    b.bytes = data.byteLength;
  }

  private attribute(loc: number, name: string, data: ArrayBufferView, type: number, integer: boolean): void {
    const gl = this.gl;
    gl.bindVertexArray(this.vao);
    this.upload(name, gl.ARRAY_BUFFER, data);
    gl.enableVertexAttribArray(loc);
    if (integer) gl.vertexAttribIPointer(loc, 1, type, 0, 0);
    else gl.vertexAttribPointer(loc, 1, type, false, 0, 0);
  }

  /** Uploads the buffers named in `changed` ('cell', 'x', 'colors.index', …; all of them with `all`). */
  setLayout(layout: DiveLayout, changed: Set<string> | 'all'): void {
    const gl = this.gl;
    const has = (k: string) => changed === 'all' || changed.has(k);
    this.layout = layout;
    if (has('cell')) this.attribute(0, 'cell', layout.cell, gl.UNSIGNED_SHORT, true);
    if (has('x')) this.attribute(1, 'x', layout.x, gl.FLOAT, false);
    if (has('y')) this.attribute(2, 'y', layout.y, gl.FLOAT, false);
    if (has('colors.index')) this.attribute(3, 'color', layout.colors.index, gl.UNSIGNED_BYTE, true);
    if (has('sizes')) {
      gl.bindVertexArray(this.vao);
      if (layout.sizes) this.attribute(4, 'size', layout.sizes, gl.UNSIGNED_BYTE, true);
      else { gl.disableVertexAttribArray(4); gl.vertexAttribI4ui(4, 128, 0, 0, 0); }
    }
    if (has('drawOrder')) {
      gl.bindVertexArray(this.vao);
      this.upload('order', gl.ELEMENT_ARRAY_BUFFER, layout.drawOrder);
    }
    if (has('colors.palette')) {
      gl.bindTexture(gl.TEXTURE_2D, this.paletteTex);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, 256, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, layout.colors.palette);
    }
    if (!this.buffers.has('flags') || changed === 'all') this.setFlags(new Uint8Array(layout.n));
    gl.bindVertexArray(null);
  }

  /** Per-row flags: bit 0 selected. */
  setFlags(flags: Uint8Array): void {
    this.attribute(5, 'flags', flags, this.gl.UNSIGNED_BYTE, true);
    this.gl.bindVertexArray(null);
  }

  /** Rows drawn with a ring, on top of everything. */
  setHighlight(rows: Uint32Array): void {
    this.highlightCount = rows.length;
    if (!rows.length) return;
    const gl = this.gl;
    gl.bindVertexArray(null);
    this.upload('highlight', gl.ELEMENT_ARRAY_BUFFER, rows);
  }

  /** Cells on screen and how many of their rows to draw: [first, count] ranges into the draw order. */
  private ranges(s: FrameState): { ranges: [number, number][]; drawn: number } {
    const l = this.layout!;
    const cells = l.cellStart.length - 1;
    const pad = 40;
    const visible: number[] = [];
    let total = 0;
    for (let c = 0; c < cells; c++) {
      const [ox, oy] = cellOrigin(l, c);
      const [x0, y0] = toScreen(s.cam, s.vp, ox - 0.1 * l.cellW, oy - 0.1 * l.cellH);
      const [x1, y1] = toScreen(s.cam, s.vp, ox + 1.1 * l.cellW, oy + 1.1 * l.cellH);
      if (x1 < -pad || y1 < -pad || x0 > s.vp.width + pad || y0 > s.vp.height + pad) continue;
      visible.push(c);
      total += l.cellStart[c + 1] - l.cellStart[c];
    }
    const f = total > s.budget ? s.budget / total : 1;
    const ranges: [number, number][] = [];
    let drawn = 0;
    for (const c of visible) {
      const first = l.cellStart[c];
      const count = f === 1 ? l.cellStart[c + 1] - first : Math.ceil((l.cellStart[c + 1] - first) * f);
      const last = ranges[ranges.length - 1];
      if (f === 1 && last && last[0] + last[1] === first) last[1] += count;
      else if (count > 0) ranges.push([first, count]);
      drawn += count;
    }
    return { ranges, drawn };
  }

  private writeCells(s: FrameState): void {
    const gl = this.gl;
    const l = this.layout!;
    const cells = l.cellStart.length - 1;
    const w = Math.min(cells, 4096), h = Math.ceil(cells / 4096);
    if (this.cellData.length !== w * h * 4) this.cellData = new Float32Array(w * h * 4);
    for (let c = 0; c < cells; c++) {
      const [ox, oy] = cellOrigin(l, c);
      // The camera centre in this cell's coordinates, float64 → float32 high + low parts.
      const lx = s.cam.cx - ox, ly = s.cam.cy - oy;
      const hx = Math.fround(lx), hy = Math.fround(ly);
      this.cellData.set([hx, hy, lx - hx, ly - hy], c * 4);
    }
    gl.bindTexture(gl.TEXTURE_2D, this.cellTex);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, w, h, 0, gl.RGBA, gl.FLOAT, this.cellData);
  }

  /** Draws a frame; returns how many points it drew. */
  draw(s: FrameState): number {
    const gl = this.gl;
    const canvas = gl.canvas as HTMLCanvasElement;
    gl.viewport(0, 0, canvas.width, canvas.height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const l = this.layout;
    if (!l || l.n === 0) return 0;
    this.writeCells(s);
    gl.useProgram(this.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.cellTex);
    gl.uniform1i(this.u('uCells'), 0);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.paletteTex);
    gl.uniform1i(this.u('uPalette'), 1);
    // The viewport centre is the camera centre; the shader works in CSS pixels from there.
    gl.uniform2f(this.u('uHalf'), s.vp.width / 2, s.vp.height / 2);
    gl.uniform1f(this.u('uScale'), s.cam.scale);
    gl.uniform1f(this.u('uBase'), pointPixels(l, s.cam.scale, s.fit));
    gl.uniform1f(this.u('uDpr'), s.dpr);
    gl.uniform1f(this.u('uMaxSize'), this.maxPoint);
    gl.uniform1i(this.u('uSized'), l.sizes ? 1 : 0);
    gl.uniform1i(this.u('uDim'), s.dim ? 1 : 0);
    gl.uniform1i(this.u('uRound'), l.mode === 'scatter' ? 1 : 0);
    gl.uniform3f(this.u('uBg'), ...s.background);
    gl.uniform3f(this.u('uRingColor'), ...s.ring);
    gl.bindVertexArray(this.vao);
    gl.uniform1i(this.u('uRing'), 0);
    const { ranges, drawn } = this.ranges(s);
    for (const [first, count] of ranges) gl.drawElements(gl.POINTS, count, gl.UNSIGNED_INT, first * 4);
    if (this.highlightCount) {
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.buffers.get('highlight')!.buffer);
      gl.uniform1i(this.u('uRing'), 1);
      gl.drawElements(gl.POINTS, this.highlightCount, gl.UNSIGNED_INT, 0);
      gl.uniform1i(this.u('uRing'), 0);
      gl.drawElements(gl.POINTS, this.highlightCount, gl.UNSIGNED_INT, 0);
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.buffers.get('order')!.buffer);
    }
    gl.bindVertexArray(null);
    return drawn + this.highlightCount;
  }

  dispose(): void {
    const gl = this.gl;
    for (const b of this.buffers.values()) gl.deleteBuffer(b.buffer);
    gl.deleteTexture(this.cellTex);
    gl.deleteTexture(this.paletteTex);
    gl.deleteVertexArray(this.vao);
    gl.deleteProgram(this.program);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
