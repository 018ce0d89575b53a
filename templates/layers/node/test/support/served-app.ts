/**
 * What each target's test/support/serve-app.ts returns: the app as production builds it, served
 * on 127.0.0.1 and a free port. Tests written against it (the node layer's and the features')
 * speak HTTP and run unchanged on every framework.
 */
export interface ServedApp {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}
