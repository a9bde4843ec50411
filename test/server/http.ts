/** Small helpers for tests that talk HTTP to cnsd: requests with a body, answers as text and JSON. */
import { expect } from 'vitest';
import type { ErrorBody } from '../../src/server/error-reply.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export async function request(
  url: string,
  init: {
    method?: string;
    body?: string;
    type?: string;
    accept?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.type) headers['content-type'] = init.type;
  if (init.accept) headers.accept = init.accept;
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Checks an error answer: its status, JSON body, and that it carries the request id it was sent with. */
export function expectError(answer: Answer, status: number, code: ErrorBody['code']): ErrorBody {
  expect({ status: answer.status, type: answer.headers.get('content-type') }).toEqual({
    status,
    type: 'application/json; charset=utf-8',
  });
  const body = JSON.parse(answer.text) as ErrorBody;
  expect(body).toMatchObject({ code, requestId: answer.headers.get('x-request-id') });
  expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  return body;
}
