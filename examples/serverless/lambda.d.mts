/** The Lambda handler of lambda.mjs: an event in, an API Gateway-style response out. */
export declare const handler: (event: object) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
