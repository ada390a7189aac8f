using System.Text.Json;
using ModelAudit.Core.Audit.Config;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Config;

/// <summary>The shipped JSON Schema (editor completion) must describe exactly what the loader accepts.</summary>
public sealed class ConfigSchemaTests
{
    private static readonly Lazy<JsonDocument> Schema = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "templates", "modelaudit.schema.json"))));

    public static TheoryData<string, string[]> Levels => new()
    {
        { "", AuditConfigLoader.Known },
        { "model", ModelEntryReader.Known },
        { "preprocess", PreprocessReader.Known },
        { "thresholds", ThresholdsReader.Known },
        { "image", ImageEntryReader.Known },
        { "region", RegionReader.Known },
        { "limits", LimitsReader.Known },
        { "report", ReportExtrasReader.Known },
        { "faithfulness", ModelAudit.Core.Audit.Explanations.ExplanationSettingsReader.FaithfulnessKnown },
        { "sanityCheck", ModelAudit.Core.Audit.Explanations.ExplanationSettingsReader.SanityKnown },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public void Schema_PropertyNames_MatchTheLoader(string definition, string[] known)
    {
        var node = definition.Length == 0 ? Schema.Value.RootElement : Schema.Value.RootElement.GetProperty("$defs").GetProperty(definition);

        Assert.False(node.GetProperty("additionalProperties").GetBoolean());
        var names = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(known.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Schema_IsDraft2020_12()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.Value.RootElement.GetProperty("$schema").GetString());
    }
}
