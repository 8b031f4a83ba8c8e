/**
 * Log lines of several containers as one: a finished log sorted by the engine's timestamps, a followed
 * one interleaved as lines arrive. Each line is prefixed with its source (`replica-2 | …`).
 */

export interface LabelledSource {
  readonly label: string;
  readonly lines: AsyncIterable<string>;
}

/** For sources read with timestamps: merge by time, then drop the timestamp. */
export async function* mergeByTime(sources: readonly LabelledSource[], tail: number): AsyncGenerator<string> {
  const all: { at: string; line: string }[] = [];
  for (const source of sources) {
    for await (const line of source.lines) {
      const space = line.indexOf(' ');
      all.push({ at: line.slice(0, space), line: `${source.label} | ${line.slice(space + 1)}` });
    }
  }
  all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const { line } of all.slice(Math.max(0, all.length - tail))) yield line;
}

/** For followed sources: whichever line comes first goes first. */
export async function* interleave(sources: readonly LabelledSource[]): AsyncGenerator<string> {
  const iterators = sources.map((source) => ({
    label: source.label,
    it: source.lines[Symbol.asyncIterator](),
  }));
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<string> }>>();
  const pull = (index: number) => {
    const entry = iterators[index];
    if (entry)
      pending.set(
        index,
        entry.it.next().then((result) => ({ index, result })),
      );
  };
  for (let index = 0; index < iterators.length; index++) pull(index);
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      yield `${iterators[index]?.label} | ${result.value}`;
      pull(index);
    }
  } finally {
    await Promise.all(iterators.map((entry) => entry.it.return?.()));
  }
}
