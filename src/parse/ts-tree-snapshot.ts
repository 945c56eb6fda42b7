/**
 * A parsed tree copied out of the binding in one walk, and read in JavaScript.
 *
 * Every node that node-tree-sitter hands to JavaScript is a new object with a
 * weak reference and a finalizer (its node cache), and every property read is a
 * call into the binding that copies the node into a transfer buffer and back.
 * The adapters read the same nodes many times: a scan of this repository's own
 * sources asked `type` 595,000 times of 150,000 nodes and `childForFieldName`
 * 366,000 times for 123,000 node and field pairs, and the binding calls and the
 * collections of their node objects were about half of the scan's CPU.
 *
 * So a tree is walked once with a tree cursor, which reads numbers and moves
 * without making node objects: each node's type id, field id, start, end,
 * parent, first child and next sibling go into typed arrays, and the nodes the
 * adapters reach are small objects over those arrays, made once each. The
 * native tree is not kept, so its memory can go at the next collection.
 *
 * The answers are the binding's: `childForFieldName` is the first child that
 * the cursor reports under that field (tree-sitter's own `child_by_field_id`
 * returns the first child of a hidden field node, which the cursor reports
 * under the field too); `descendantsOfType` is the binding's walk, the node
 * itself included, with its quirk of skipping nodes that end at the text's
 * start. test/parse/ts-tree-snapshot.test.ts compares every node of the
 * TypeScript fixtures with the binding's answers.
 */
import type { TsNode } from "./typescript.js";

/** What the snapshot reads of node-tree-sitter. */
export interface NativeCursor {
  readonly nodeTypeId: number;
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentFieldId: number;
  readonly currentFieldName: string | null;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

export interface NativeTree {
  readonly rootNode: { readonly descendantCount: number };
  walk(): NativeCursor;
}

/**
 * What a grammar's ids mean, learnt from the cursor as they are met (one
 * binding call per new id). One per grammar, shared by the trees it parses.
 */
export class GrammarNames {
  /** Type names by type id (ERROR's id is 65535, so not an array). */
  readonly typeNames = new Map<number, string>();
  /** 1 where a type id's nodes are named. */
  readonly named = new Uint8Array(0x1_0000);
  readonly fieldIds = new Map<string, number>();
  private readonly seenFields = new Uint8Array(0x1_0000);

  learnType(cursor: NativeCursor, typeId: number): void {
    if (this.typeNames.has(typeId)) return;
    this.typeNames.set(typeId, cursor.nodeType);
    this.named[typeId] = cursor.nodeIsNamed ? 1 : 0;
  }

  learnField(cursor: NativeCursor, fieldId: number): void {
    if (this.seenFields[fieldId] === 1) return;
    this.seenFields[fieldId] = 1;
    const name = cursor.currentFieldName;
    if (name !== null) this.fieldIds.set(name, fieldId);
  }
}

const NONE = -1;

class Snapshot {
  /** The nodes made so far, by index: a large tree's adapters reach few of its nodes. */
  private readonly made = new Map<number, SnapshotNode>();

  constructor(
    readonly grammar: GrammarNames,
    readonly types: Uint16Array,
    readonly fields: Uint16Array,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly parents: Int32Array,
    readonly firstChildren: Int32Array,
    readonly nextSiblings: Int32Array,
  ) {}

  node(i: number): SnapshotNode {
    let node = this.made.get(i);
    if (node === undefined) {
      node = new SnapshotNode(this, i);
      this.made.set(i, node);
    }
    return node;
  }
}

class SnapshotNode implements TsNode {
  constructor(
    private readonly tree: Snapshot,
    private readonly i: number,
  ) {}

  get type(): string {
    return this.tree.grammar.typeNames.get(this.tree.types[this.i] as number) as string;
  }

  get startIndex(): number {
    return this.tree.starts[this.i] as number;
  }

  get endIndex(): number {
    return this.tree.ends[this.i] as number;
  }

  get parent(): SnapshotNode | null {
    const p = this.tree.parents[this.i] as number;
    return p === NONE ? null : this.tree.node(p);
  }

  get children(): readonly SnapshotNode[] {
    const out: SnapshotNode[] = [];
    const { firstChildren, nextSiblings } = this.tree;
    for (let c = firstChildren[this.i] as number; c !== NONE; c = nextSiblings[c] as number) out.push(this.tree.node(c));
    return out;
  }

  get namedChildren(): readonly SnapshotNode[] {
    const out: SnapshotNode[] = [];
    const { firstChildren, nextSiblings, types, grammar } = this.tree;
    for (let c = firstChildren[this.i] as number; c !== NONE; c = nextSiblings[c] as number) {
      if (grammar.named[types[c] as number] === 1) out.push(this.tree.node(c));
    }
    return out;
  }

  childForFieldName(name: string): SnapshotNode | null {
    const field = this.tree.grammar.fieldIds.get(name);
    if (field === undefined) return null;
    const { firstChildren, nextSiblings, fields } = this.tree;
    for (let c = firstChildren[this.i] as number; c !== NONE; c = nextSiblings[c] as number) {
      if (fields[c] === field) return this.tree.node(c);
    }
    return null;
  }

  descendantsOfType(types: string | readonly string[]): SnapshotNode[] {
    const wanted = new Set(typeof types === "string" ? [types] : types);
    const { firstChildren, nextSiblings, parents, ends, grammar } = this.tree;
    const typeIds = this.tree.types;
    const out: SnapshotNode[] = [];
    // Pre-order over this node's subtree; a node that ends at offset 0 is skipped with its subtree, as the binding does.
    let i = this.i;
    for (;;) {
      const descend = (ends[i] as number) > 0;
      if (descend && wanted.has(grammar.typeNames.get(typeIds[i] as number) as string)) out.push(this.tree.node(i));
      const first = descend ? (firstChildren[i] as number) : NONE;
      if (first !== NONE) {
        i = first;
        continue;
      }
      while (i !== this.i && nextSiblings[i] === NONE) i = parents[i] as number;
      if (i === this.i) return out;
      i = nextSiblings[i] as number;
    }
  }
}

/** Copies a freshly parsed tree into arrays; the tree itself is not kept. */
export function snapshotTree(tree: NativeTree, grammar: GrammarNames): TsNode {
  const count = tree.rootNode.descendantCount;
  const types = new Uint16Array(count);
  const fields = new Uint16Array(count);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const parents = new Int32Array(count).fill(NONE);
  const firstChildren = new Int32Array(count).fill(NONE);
  const nextSiblings = new Int32Array(count).fill(NONE);
  const cursor = tree.walk();
  const path: number[] = [];
  let n = 0;
  let previous = NONE;
  for (;;) {
    const i = n++;
    // A bug, not input: the cursor visits exactly the nodes descendantCount counts.
    if (i >= count) throw new Error(`tree snapshot: more nodes than the tree's descendantCount (${count})`);
    const typeId = cursor.nodeTypeId;
    const fieldId = cursor.currentFieldId;
    grammar.learnType(cursor, typeId);
    if (fieldId !== 0) grammar.learnField(cursor, fieldId);
    types[i] = typeId;
    fields[i] = fieldId;
    starts[i] = cursor.startIndex;
    ends[i] = cursor.endIndex;
    const parent = path.length > 0 ? (path[path.length - 1] as number) : NONE;
    parents[i] = parent;
    if (previous !== NONE) nextSiblings[previous] = i;
    else if (parent !== NONE) firstChildren[parent] = i;
    if (cursor.gotoFirstChild()) {
      path.push(i);
      previous = NONE;
      continue;
    }
    previous = i;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return new Snapshot(grammar, types, fields, starts, ends, parents, firstChildren, nextSiblings).node(0);
      previous = path.pop() as number;
    }
  }
}
