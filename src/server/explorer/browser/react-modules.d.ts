// The project installs React for the explorer bundle only, without @types/react, and the root
// tsconfig type-checks this browser code too. These are the few React entry points the explorer
// calls, typed just enough for that; delete this file if @types/react and @types/react-dom are
// ever added.
declare module 'react' {
  export function createElement(
    type: unknown,
    props?: Record<string, unknown> | null,
    ...children: unknown[]
  ): unknown;
}

declare module 'react-dom/client' {
  export interface Root {
    render(children: unknown): void;
    unmount(): void;
  }
  export function createRoot(container: unknown): Root;
}
