/**
 * Neumaier's improved Kahan summation (Neumaier, Z. Angew. Math. Mech. 54 (1974) 39–51): a running sum
 * with a compensation term, so adding 10⁶–10⁸ small increments (capacity or energy integration over a
 * long test) loses no more than a couple of ulps instead of growing error with the count.
 * A small mutable object on purpose: one per accumulated quantity, allocated once, no closures.
 */
export class NeumaierSum {
  private sum = 0;
  private comp = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.comp += this.sum - t + x;
    else this.comp += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.comp;
  }

  reset(): void {
    this.sum = 0;
    this.comp = 0;
  }
}
