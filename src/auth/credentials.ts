/** The credentials a request can carry: an IAM token (X-Auth-Token), or an access key and its secret key to sign with. */
export type TokenCredentials = { readonly scheme: 'token'; readonly token: string };
export type AkSkCredentials = { readonly scheme: 'aksk'; readonly ak: string; readonly sk: string };
export type Credentials = TokenCredentials | AkSkCredentials;
