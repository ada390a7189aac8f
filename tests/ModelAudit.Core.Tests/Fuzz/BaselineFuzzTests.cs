using ModelAudit.Core.Audit.Baselines;
using ModelAudit.TestSupport;
using ModelAudit.TestSupport.Fuzzing;

namespace ModelAudit.Core.Tests.Fuzz;

/// <summary>
/// A baseline as `baseline accept` writes it, with baseline.json (as JSON text) or a map (as bytes) mutated:
/// reading it gives a baseline or a <see cref="ModelAuditException"/> naming the file; nothing else.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class BaselineFuzzTests
{
    [Fact]
    public void Read_MutatedBaselines_OnlyModelAuditExceptionEscapes()
    {
        using var dir = new TempDir();
        var model = new BaselineModel("shapes", "ab12", "gradcam", "features_relu",
        [
            new BaselineImage("a.png", 0, 0.9, 0.75, 4, 3, [.. Enumerable.Range(0, 12).Select(i => i / 7f)], new FaithfulnessAreas(0.25, 0.875)),
            new BaselineImage("b.png", 1, 0.6, 0.25, 2, 2, [0, 1, 2, 3], new FaithfulnessAreas(0.5, 0.5)),
        ],
        new BaselineFaithfulness(20, "road")); // Version 3 with every field, so mutations reach the faithfulness reader too.
        BaselineStore.Write(dir.Path, model);
        var json = Directory.GetFiles(dir.Path, "baseline.json", SearchOption.AllDirectories).Single();
        var maps = Directory.GetFiles(dir.Path, "*.npy", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var originalJson = File.ReadAllText(json);
        var originalMaps = maps.Select(File.ReadAllBytes).ToArray();

        var summary = FuzzRun.Run(
            "baseline",
            random =>
            {
                // First byte says which file the case mutates; the rest is that file's new content.
                var which = random.Next(maps.Length + 1);
                var content = which == 0 ? Mutator.Json([originalJson], random) : Mutator.Binary(originalMaps, random);
                return [(byte)which, .. content];
            },
            input =>
            {
                File.WriteAllText(json, originalJson);
                for (var k = 0; k < maps.Length; k++)
                {
                    File.WriteAllBytes(maps[k], originalMaps[k]);
                }

                File.WriteAllBytes(input[0] == 0 ? json : maps[input[0] - 1], input[1..]);
                BaselineStore.Read(dir.Path, "shapes");
            },
            e => e is ModelAuditException);

        Assert.True(summary.BothOutcomes, $"{summary.Refused} of {summary.Cases} cases refused: the mutations do not reach both outcomes");
    }
}
