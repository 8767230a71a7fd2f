// What both listing scripts share: reading the command line, printing the counts as one JSON
// line, and failing loudly (exit 1, a message on stderr that never holds the token).
'use strict';

const USAGE = 'usage: node SCRIPT API_BASE_URL TOKEN_FILE WORKSPACE';

// {apiBaseUrl, token, workspace} from argv; the token is read from a file so it never shows
// in a process listing.
function readArguments(argv) {
  if (argv.length !== 5) {
    console.error(USAGE);
    process.exit(2);
  }
  const fs = require('fs');
  return {
    apiBaseUrl: argv[2].replace(/\/+$/, ''),
    token: fs.readFileSync(argv[3], 'utf8').trim(),
    workspace: argv[4],
  };
}

// {"repositories": N, "pages": {"repositories": P, "pullrequests": Q},
//  "pullrequests": {"ws/slug": N, ...}, "listing": [...full names and PR ids, sorted]}
function report(repositories, pullRequests, pages) {
  const counts = {};
  const listing = [];
  for (const name of Object.keys(pullRequests).sort()) {
    counts[name] = pullRequests[name].length;
    listing.push(`${name}:${pullRequests[name].slice().sort((a, b) => a - b).join(',')}`);
  }
  process.stdout.write(
    JSON.stringify({
      repositories: repositories.length,
      pages,
      pullrequests: counts,
      listing: repositories.slice().sort().concat(listing),
    }) + '\n',
  );
}

// Runs `main`; any failure ends the process with status 1.
function run(main) {
  main().catch(error => {
    const status = error && (error.status || error.statusCode);
    console.error(`listing failed${status ? ` (HTTP ${status})` : ''}: ${error && error.message}`);
    process.exit(1);
  });
}

module.exports = { readArguments, report, run };
