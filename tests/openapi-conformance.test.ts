/**
 * The checker the fake GitHub runs on every exchange: it must catch a request GitHub would not
 * take as we meant it and a reply GitHub would never send, and let conforming ones through.
 *
 * The description is a cut of GitHub's official one (npm @octokit/openapi 23.0.2,
 * generated/api.github.com.json) made by scripts/github-openapi-cut.mjs; its sha256 is pinned
 * here so a hand edit or a different source cannot slip in unnoticed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from './support/fake-github.js';
import { checkRequest, checkResponse, CUT_PATH, type Operation } from './support/openapi-conformance.js';

const CUT_SHA256 = 'f33fd3d077aa0346a01026ed0c9569ff9d67d7e31e6a4ffed64742ead30c9f48';

const request = (method: string, path: string, body?: unknown) =>
  checkRequest({ method, url: new URL(path, 'http://127.0.0.1'), body, contentType: body === undefined ? undefined : 'application/json; charset=utf-8' });

function operation(method: string, path: string): Operation {
  const found = request(method, path).operation;
  if (!found) throw new Error(`no operation for ${method} ${path}`);
  return found;
}

describe('the committed description', () => {
  it('is the cut the script makes from @octokit/openapi 23.0.2, byte for byte', () => {
    const text = readFileSync(CUT_PATH, 'utf8');
    expect(createHash('sha256').update(text).digest('hex')).toBe(CUT_SHA256);
    const cut = JSON.parse(text) as { info: { 'x-source': { package: string; operations: string[] } } };
    expect(cut.info['x-source'].package).toBe('@octokit/openapi@23.0.2');
    expect(cut.info['x-source'].operations).toContain('repos/get');
  });
});

describe('requests', () => {
  it('takes a request as Octokit sends it', () => {
    const check = request('POST', '/repos/octo-org/isms/issues', { title: 'Review due: POL-001', body: 'x', labels: ['isms-review'], assignees: ['alice'] });
    expect(check.operation?.operationId).toBe('issues/create');
    expect(check.violations).toEqual([]);
  });

  it('names a body field of the wrong type, a misspelt field and a missing required one', () => {
    expect(request('POST', '/repos/o/r/issues', { title: 'x', labels: [{ nom: 'a' }] }).violations).toContain(
      'body/labels/0: unknown property "nom"',
    );
    expect(request('POST', '/repos/o/r/issues', { title: 'x', assignes: ['a'] }).violations).toEqual(['body: unknown property "assignes"']);
    expect(request('POST', '/repos/o/r/issues/1/comments', {}).violations).toEqual(["body must have required property 'body'"]);
    expect(request('POST', '/repos/o/r/labels', { name: 'a', color: 123 }).violations).toEqual(['body/color must be string']);
  });

  it('checks path and query parameters: types, enums and names GitHub does not know', () => {
    expect(request('GET', '/repos/o/r/issues/abc').violations).toEqual(['path/issue_number must be integer']);
    expect(request('GET', '/repos/o/r/issues?state=bogus&per_page=many&lables=x').violations).toEqual([
      'query: unknown parameter "lables"',
      'query/state must be one of ["open","closed","all"]',
      'query/per_page must be integer',
    ]);
    expect(request('GET', '/repos/o/r/issues?page=1&page=2').violations).toEqual(['query/page: given 2 times; GitHub reads one value']);
  });

  it('tells an unknown method from an unknown path, and prefers literal segments', () => {
    expect(request('GET', '/repos/o/r/issues/comments/5').violations).toEqual([
      'GET is not an operation on this path; the description has DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}, PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
    expect(request('PATCH', '/repos/o/r/issues/comments/5', { body: 'x' }).operation?.operationId).toBe('issues/update-comment');
    expect(request('GET', '/repos/o/r/branches').violations[0]).toMatch(/^no operation in @octokit\/openapi@23\.0\.2 matches this path/);
    expect(request('GET', '/repos/o/r/contents/policies/a%20b.md?ref=abc').operation?.operationId).toBe('repos/get-content');
  });

  it('wants a body where GitHub requires one, and none where it takes none', () => {
    expect(request('PATCH', '/repos/o/r/issues/comments/5').violations).toEqual(['body: required, none sent']);
    expect(request('GET', '/repos/o/r/labels', { name: 'x' }).violations).toEqual(['body: issues/list-labels-for-repo takes no request body']);
  });

  it('checks GraphQL requests by hand: a query string, nothing else unknown', () => {
    expect(request('POST', '/graphql', { query: 'query { viewer { login } }' }).violations).toEqual([]);
    expect(request('POST', '/graphql', { query: '', vars: {} }).violations).toEqual(['body/query must be a non-empty string', 'body: unknown property "vars"']);
  });
});

describe('replies', () => {
  const label = { id: 1, node_id: 'LA_1', url: 'https://api.github.com/repos/o/r/labels/a', name: 'a', color: 'ededed', description: null, default: false };

  it('takes a reply with every required field, nulls where the description allows them', () => {
    expect(checkResponse(operation('GET', '/repos/o/r/labels/a'), 200, label)).toEqual([]);
  });

  it('names a missing required field, a wrong type and a null where none is allowed', () => {
    const { color: _color, ...noColor } = label;
    const get = operation('GET', '/repos/o/r/labels/a');
    expect(checkResponse(get, 200, noColor)).toEqual(["body must have required property 'color'"]);
    expect(checkResponse(get, 200, { ...label, id: '1' })).toEqual(['body/id must be integer']);
    expect(checkResponse(get, 200, { ...label, name: null })).toEqual(['body/name must be string']);
    expect(checkResponse(get, 200, { ...label, url: 'not a url' })).toEqual(['body/url must match format "uri"']);
  });

  it('reports one line for the same mistake in every item of a list', () => {
    const list = operation('GET', '/repos/o/r/labels');
    const { name: _name, ...noName } = label;
    expect(checkResponse(list, 200, [noName, noName, noName])).toEqual(["body/0 must have required property 'name'"]);
  });

  it('wants a documented status, and GitHub\'s error shape for error statuses the description leaves out', () => {
    const get = operation('GET', '/repos/o/r/labels/a');
    expect(checkResponse(get, 201, label)).toEqual(['status 201 is not a documented reply of issues/get-label (documented: 200, 404)']);
    expect(checkResponse(get, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' })).toEqual([]);
    expect(checkResponse(get, 502, { message: 502 })).toEqual(['body/message must be string']);
  });

  it('allows null line and position on an outdated review comment, as api.github.com sends them', () => {
    const list = operation('GET', '/repos/o/r/pulls/1/comments');
    const errors = checkResponse(list, 200, [{ line: null, position: null }]);
    expect(errors.some((error) => /\/(line|position) /.test(error))).toBe(false);
  });
});

describe('in the fake', () => {
  const start = fakeGitHubPerTest({ repository: 'octo-org/isms' });

  it('records a request GitHub would read otherwise, with the operation, and still answers it', async () => {
    const fake = await start({ conformance: 'record' });
    const octokit = getOctokit('t', { baseUrl: fake.url });
    // A misspelt field: GitHub ignores it silently and the issue gets no assignee.
    await octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'octo-org', repo: 'isms', title: 'x', assignes: ['alice'] });
    expect(fake.violations).toEqual([
      { method: 'POST', path: '/repos/octo-org/isms/issues', operation: 'issues/create', side: 'request', status: 201, message: 'body: unknown property "assignes"' },
    ]);
  });

  it('records a reply of its own that breaks the response schema', async () => {
    const fake = await start({ conformance: 'record' });
    fake.seedLabel('isms-review');
    // A test that corrupts the fake's state is the simplest way to make it answer wrongly.
    (fake.state.labels[0] as unknown as Record<string, unknown>).color = null;
    await getOctokit('t', { baseUrl: fake.url }).rest.issues.getLabel({ owner: 'octo-org', repo: 'isms', name: 'isms-review' });
    expect(fake.violations).toEqual([
      expect.objectContaining({ side: 'response', operation: 'issues/get-label', status: 200, message: 'body/color must be string' }),
    ]);
  });

  it('does not check replies failNext makes wrong on purpose, only the requests they answer', async () => {
    const fake = await start({ conformance: 'record' });
    fake.failNext({ status: 502, body: { nothing: 'GitHub would send' } });
    await expect(getOctokit('t', { baseUrl: fake.url }).rest.issues.listForRepo({ owner: 'octo-org', repo: 'isms', state: 'all' })).rejects.toMatchObject({
      status: 502,
    });
    expect(fake.violations).toEqual([]);
  });
});
