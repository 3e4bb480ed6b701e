import { describe, expect, it } from "vitest";
import { renderSlots } from "./render-slots.mjs";

describe("render slots", () => {
  it("lets `size` renders run at once and the rest in the order they asked, each slot given back once", async () => {
    const slots = renderSlots(2);
    const order: number[] = [];
    const releases = await Promise.all([slots.take(), slots.take()]);
    expect(slots.state()).toEqual({ running: 2, waiting: 0 });
    const waiting = [3, 4, 5].map((n) => slots.take().then((release) => (order.push(n), release)));
    await Promise.resolve();
    expect(slots.state()).toEqual({ running: 2, waiting: 3 });

    releases[0]!();
    releases[0]!(); // a second call gives nothing back
    const third = await waiting[0]!;
    expect(order).toEqual([3]);
    expect(slots.state()).toEqual({ running: 2, waiting: 2 });

    releases[1]!();
    third();
    const [fourth, fifth] = await Promise.all([waiting[1]!, waiting[2]!]);
    expect(order).toEqual([3, 4, 5]);
    fourth();
    fifth();
    expect(slots.state()).toEqual({ running: 0, waiting: 0 });
  });
});
