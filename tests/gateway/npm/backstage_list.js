// Lists a workspace's repositories and each repository's open pull requests the way a
// Backstage plugin does: the Bitbucket Cloud integration read from configuration with
// @backstage/integration (ScmIntegrations, readBitbucketCloudIntegrationConfig), its request
// options (getBitbucketCloudRequestOptions: Basic with the app password) on every fetch, and
// each page's `next` link followed as given.
// Usage: node backstage_list.js API_BASE_URL TOKEN_FILE WORKSPACE
'use strict';

const { ConfigReader } = require('@backstage/config');
const {
  ScmIntegrations,
  getBitbucketCloudRequestOptions,
  readBitbucketCloudIntegrationConfig,
} = require('@backstage/integration');
const { readArguments, report, run } = require('./list_common');

// The integration's configuration; Backstage fixes Bitbucket Cloud's API URL, so the base URL
// under test (the simulator's or the gateway's) takes its place.
function integrationConfig(apiBaseUrl, token) {
  const config = new ConfigReader({
    integrations: { bitbucketCloud: [{ username: 'backstage', appPassword: token }] },
  });
  const integrations = ScmIntegrations.fromConfig(config);
  const integration = integrations.bitbucketCloud.byHost('bitbucket.org');
  if (!integration) throw new Error('no Bitbucket Cloud integration configured');
  const read = readBitbucketCloudIntegrationConfig(
    config.getConfigArray('integrations.bitbucketCloud')[0]);
  if (read.username !== integration.config.username) {
    throw new Error('ScmIntegrations and readBitbucketCloudIntegrationConfig disagree');
  }
  return { ...integration.config, apiBaseUrl };
}

async function fetchJson(url, config) {
  const response = await fetch(url, getBitbucketCloudRequestOptions(config));
  if (!response.ok) {
    const error = new Error(`GET ${new URL(url).pathname} answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

async function allPages(firstUrl, config, pageCounter) {
  const values = [];
  for (let url = firstUrl; url;) {
    const page = await fetchJson(url, config);
    values.push(...page.values);
    pageCounter.count += 1;
    url = page.next;
  }
  return values;
}

run(async () => {
  const { apiBaseUrl, token, workspace } = readArguments(process.argv);
  const config = integrationConfig(apiBaseUrl, token);
  const repositoryPages = { count: 0 };
  const pullRequestPages = { count: 0 };
  const repositories = await allPages(
    `${config.apiBaseUrl}/repositories/${encodeURIComponent(workspace)}?pagelen=10`, config,
    repositoryPages);
  const pullRequests = {};
  for (const repository of repositories) {
    const listed = await allPages(
      `${repository.links.pullrequests.href}?state=OPEN`, config, pullRequestPages);
    pullRequests[repository.full_name] = listed.map(pullRequest => pullRequest.id);
  }
  report(repositories.map(repository => repository.full_name), pullRequests,
         { repositories: repositoryPages.count, pullrequests: pullRequestPages.count });
});
