export declare const ROOT: string;
export declare const strictPlugin: import('esbuild').Plugin;
export declare function buildStrict(entry: string, outfile?: string): Promise<string>;
export declare function importStrict(entry: string): Promise<unknown>;
