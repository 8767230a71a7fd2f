// Lists a workspace's repositories and each repository's open pull requests with the npm
// `bitbucket` client (node-bitbucket), following its `next` links page by page, as a polling
// tool does. Usage: node bitbucket_list.js API_BASE_URL TOKEN_FILE WORKSPACE
'use strict';

const { Bitbucket } = require('bitbucket');
const { readArguments, report, run } = require('./list_common');

// Every value of a paged list: the first page from `first`, then each `next` link as given.
async function allPages(client, first, pageCounter) {
  let { data } = await first;
  const values = data.values.slice();
  pageCounter.count += 1;
  while (client.hasNextPage(data)) {
    ({ data } = await client.getNextPage(data));
    values.push(...data.values);
    pageCounter.count += 1;
  }
  return values;
}

run(async () => {
  const { apiBaseUrl, token, workspace } = readArguments(process.argv);
  // notice: false keeps the client's banner off stdout, which carries only the JSON.
  const client = new Bitbucket({ baseUrl: apiBaseUrl, auth: { token }, notice: false });
  const repositoryPages = { count: 0 };
  const pullRequestPages = { count: 0 };
  const repositories = await allPages(
    client, client.repositories.list({ workspace, pagelen: 10 }), repositoryPages);
  const pullRequests = {};
  for (const repository of repositories) {
    const [ws, slug] = repository.full_name.split('/');
    const listed = await allPages(
      client,
      client.repositories.listPullRequests({ workspace: ws, repo_slug: slug, state: 'OPEN' }),
      pullRequestPages);
    pullRequests[repository.full_name] = listed.map(pullRequest => pullRequest.id);
  }
  report(repositories.map(repository => repository.full_name), pullRequests,
         { repositories: repositoryPages.count, pullrequests: pullRequestPages.count });
});
