// @ts-check
// How many public pages the server renders at once. Node renders on one thread: twenty-five renders
// started together interleave and all finish late (a burst after a batch publish kept every reader
// waiting about a second), where taken a few at a time, first come first served, most readers get
// their page in a fraction of that and the last no later. Waiting readers of the same page find it in
// the copies once the first render is kept (scripts/server.mjs asks again), so a stampede on one new
// release costs one render. A few run at once because a render also waits on the database.

/**
 * @typedef {object} RenderSlots
 * @property {() => Promise<() => void>} take resolves, in order of asking, with the function that gives the slot back (once)
 * @property {() => { running: number, waiting: number }} state
 */

/**
 * @param {number} size renders at once
 * @returns {RenderSlots}
 */
export function renderSlots(size) {
  let running = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  function giveBack() {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
  return {
    take() {
      return new Promise((resolve) => {
        let given = false;
        const release = () => {
          if (given) return;
          given = true;
          giveBack();
        };
        if (running < size) {
          running += 1;
          resolve(release);
        } else waiting.push(() => resolve(release));
      });
    },
    state: () => ({ running, waiting: waiting.length }),
  };
}
