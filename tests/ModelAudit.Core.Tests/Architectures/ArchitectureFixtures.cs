using System.Text.Json;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Architectures;

/// <summary>
/// testdata/architectures: tiny exports of the real families (eng/fixtures/export_architectures.py) with torch
/// float64 references, described by meta.json.
/// </summary>
internal static class ArchitectureFixtures
{
    public static string Folder => Path.Combine(RepoPaths.TestData, "architectures");

    public static IReadOnlyList<Fixture> All { get; } = Load();

    public static Fixture Get(string name) => All.Single(f => f.Name == name);

    public static (float[] Data, long[] Shape) Array(string fixture, string name) =>
        NpyReader.Read(Path.Combine(Folder, fixture, name + ".npy"));

    private static List<Fixture> Load()
    {
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "meta.json")));
        return [.. meta.RootElement.GetProperty("fixtures").EnumerateArray().Select(f => new Fixture(
            f.GetProperty("name").GetString()!,
            [.. f.GetProperty("models").EnumerateArray().Select(m => m.GetString()!)],
            f.GetProperty("input").GetString()!,
            f.GetProperty("output").GetString()!,
            f.GetProperty("precision").GetString()!,
            f.GetProperty("layers").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetProperty("layout").GetString()!)))];
    }

    internal sealed record Fixture(
        string Name, IReadOnlyList<string> Models, string Input, string Output, string Precision, IReadOnlyDictionary<string, string> Layouts);
}
