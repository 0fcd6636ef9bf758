import { describe, expect, it } from "vitest";
import { writeTarGz, writeZip } from "../../install/write-archive.ts";
import { lyingZip, overlappingZip, tarGzOf } from "../../test-support/hostile-archives.ts";
import { SupplyError } from "../supply-error.ts";
import { resolveSupplyLimits, type SupplyLimits } from "../supply-limits.ts";
import { findOverlappingZipEntries, type ZipEntrySpan } from "./find-overlapping-zip-entries.ts";
import { selectPackageFiles } from "./select-package-files.ts";
import { unpackArchive } from "./unpack-archive.ts";

const limits = (extra: Partial<SupplyLimits> = {}) => resolveSupplyLimits(extra, {});

async function refusal(bytes: Buffer, extra: Partial<SupplyLimits> = {}): Promise<SupplyError> {
  const error = await unpackArchive(bytes, "test archive", limits(extra)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SupplyError);
  return error as SupplyError;
}

describe("unpackArchive", () => {
  it("reads zip, tar.gz and plain tar into memory", async () => {
    expect([...(await unpackArchive(writeZip({ "a/b.txt": "zip", "a/": "" }), "zip", limits())).files]).toEqual([["a/b.txt", Buffer.from("zip")]]);
    expect([...(await unpackArchive(writeTarGz({ "a/b.txt": "tar" }), "tgz", limits())).files]).toEqual([["a/b.txt", Buffer.from("tar")]]);
    const long = `${"deep/".repeat(30)}file.ts`;
    expect((await unpackArchive(await tarGzOf([{ name: long, contents: "pax" }]), "pax", limits())).files.get(long)?.toString()).toBe("pax");
  });

  it.each([
    ["a ../ path", [{ name: "package/../../evil.js", contents: "x" }], /climbs out of the archive/],
    ["an absolute path", [{ name: "/etc/cron.d/evil", contents: "x" }], /absolute path/],
    ["a symlink", [{ name: "package/README.md", type: "symlink" as const, linkname: "/etc/passwd" }], /is a symlink \(to "\/etc\/passwd"\)/],
    ["a hard link", [{ name: "package/x.js", contents: "x" }, { name: "package/y.js", type: "link" as const, linkname: "/etc/shadow" }], /is a hard link/],
    ["a FIFO", [{ name: "package/pipe", type: "fifo" as const }], /is a fifo entry/],
    ["a duplicate", [{ name: "package/index.js", contents: "a" }, { name: "package/index.js", contents: "b" }], /appears twice/],
  ])("refuses a tar entry with %s", async (_what, entries, message) => {
    const error = await refusal(await tarGzOf(entries));
    expect(error.issues.map((issue) => issue.message).join("\n")).toMatch(message);
  });

  it("refuses zip entries that are symlinks, climb out, or are absolute", async () => {
    expect((await refusal(writeZip({ "p/link": "/etc/passwd" }, { "p/link": 0o120777 }))).issues[0]).toMatchObject({ path: "p/link", message: expect.stringMatching(/symlink/) });
    expect((await refusal(writeZip({ "p/../../x.js": "x" }))).message).toMatch(/invalid relative path|climbs out/);
    expect((await refusal(writeZip({ "/abs.js": "x" }))).message).toMatch(/absolute path/);
  });

  it("refuses an overlapping-entry zip bomb before inflating anything", async () => {
    const bomb = overlappingZip(300, 10 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await refusal(bomb);
    expect(error.issues[0]).toMatchObject({ message: expect.stringMatching(/overlaps another entry/) });
  });

  it("refuses a high-ratio zip bomb by its declared size, and a lying header when it inflates past it", async () => {
    const bomb = writeZip({ "p/zeros.json": Buffer.alloc(8 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect((await refusal(bomb, { maxUnpackedBytes: 1024 * 1024 })).issues[0]!.message).toMatch(/unpacks to more than 1048576 bytes/);
    expect((await refusal(lyingZip("p/liar.js", 4 * 1024 * 1024, 100))).message).toMatch(/not a readable zip archive/);
  });

  it("stops a gzip bomb at the unpacked-size cap", async () => {
    const bomb = writeTarGz({ "package/zeros.js": Buffer.alloc(16 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect((await refusal(bomb, { maxUnpackedBytes: 1024 * 1024 })).issues[0]!.message).toMatch(/unpacks to more than/);
  });

  it("caps the number of entries", async () => {
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p/f${i}.js`, "x"]));
    expect((await refusal(writeZip(files), { maxEntries: 10 })).issues[0]!.message).toMatch(/more than 10 entries/);
    expect((await refusal(writeTarGz(files), { maxEntries: 10 })).issues[0]!.message).toMatch(/more than 10 entries/);
  });

  it("refuses bytes that are not an archive", async () => {
    expect((await refusal(Buffer.from("plain text"))).message).toMatch(/not a .zip, .tar.gz or .tar archive/);
  });
});

describe("selectPackageFiles", () => {
  it("drops the wrapping folder, keeps a subdir, and refuses oversized files inside the package only", async () => {
    const archive = await unpackArchive(writeZip({ "repo-main/README.md": "", "repo-main/big.bin": Buffer.alloc(3000), "repo-main/pkg/plugin.json": "{}", "repo-main/pkg/index.js": "" }), "zip", limits({ maxFileBytes: 2000 }));
    expect([...selectPackageFiles(archive, "zip", limits({ maxFileBytes: 2000 }), "pkg").keys()].sort()).toEqual(["index.js", "plugin.json"]);
    expect(() => selectPackageFiles(archive, "zip", limits({ maxFileBytes: 2000 }))).toThrow(/big.bin: is 3000 bytes, over the 2000-byte limit per file/);
  });
});

/** A small deterministic PRNG so fuzz failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("fuzz", () => {
  it("findOverlappingZipEntries agrees with a brute-force pairwise check", () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const zip = Buffer.alloc(2000);
      const spans: ZipEntrySpan[] = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => {
        const offset = Math.floor(next() * 1900);
        zip.writeUInt32LE(0x04034b50, offset);
        zip.writeUInt16LE(Math.floor(next() * 5), offset + 26);
        zip.writeUInt16LE(0, offset + 28);
        return { name: `e${i}`, offset, compressedSize: Math.floor(next() * 100) };
      });
      const ends = spans.map((span) => (zip.readUInt32LE(span.offset) === 0x04034b50 ? span.offset + 30 + zip.readUInt16LE(span.offset + 26) + zip.readUInt16LE(span.offset + 28) + span.compressedSize : -1));
      const expected = new Set<string>();
      const valid = (i: number) => ends[i] !== -1 && ends[i]! <= zip.length;
      spans.forEach((a, i) => {
        if (!valid(i)) expected.add(a.name);
        spans.forEach((b, j) => {
          if (i !== j && valid(i) && valid(j) && a.offset <= b.offset && b.offset < ends[i]! && (a.offset < b.offset || i < j)) {
            expected.add(a.name);
            expected.add(b.name);
          }
        });
      });
      expect(new Set(findOverlappingZipEntries(zip, spans)), `round ${round}`).toEqual(expected);
    }
  });

  it("unpackArchive never throws anything but SupplyError and never hangs on mutated archives", async () => {
    const next = random(11);
    const seeds = [writeZip({ "p/plugin.json": '{"name":"x"}', "p/index.js": "exports.processEvent = e => e" }), writeTarGz({ "package/plugin.json": "{}", "package/index.js": "x" })];
    for (let round = 0; round < 200; round++) {
      const bytes = Buffer.from(seeds[round % seeds.length]!);
      for (let flips = 1 + Math.floor(next() * 8); flips > 0; flips--) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const outcome = await unpackArchive(bytes, "fuzz", limits({ maxUnpackedBytes: 1 << 20 })).then(
        () => "ok",
        (error: unknown) => error,
      );
      if (outcome !== "ok") expect(outcome, `round ${round}`).toBeInstanceOf(SupplyError);
    }
  });
});
