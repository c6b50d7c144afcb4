// pdf.js ships its minified builds without types: the main module is the same API as pdf.mjs,
// the worker module pdf-text.ts only hands back to pdf.js.
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs'
}
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown
}
