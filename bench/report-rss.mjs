// Preloaded into a timed child process (node --import): prints its peak resident memory on stderr
// when it exits, for benchmarks on machines without /usr/bin/time.
process.on('exit', () => {
  process.stderr.write(`peak-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
