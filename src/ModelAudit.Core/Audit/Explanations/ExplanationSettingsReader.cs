using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Analysis.Sanity;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Config.Json;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>Reads a model's "faithfulness" and "sanityCheck" entries; absent means off.</summary>
internal static class ExplanationSettingsReader
{
    internal static readonly string[] FaithfulnessKnown = ["steps", "removal", "maxDeletionAuc", "minInsertionAuc", "maxFaithfulnessDrop"];

    internal static readonly string[] SanityKnown = ["layers", "seed", "threshold", "images"];

    private static readonly string[] Removals = ["road", "blur", "mean"];

    /// <summary>true (defaults), false (off) or an object of settings.</summary>
    public static FaithfulnessSettings? Faithfulness(JsonObjectReader model)
    {
        var node = model.Get("faithfulness");
        if (node is null || Off(model, node, "faithfulness"))
        {
            return null;
        }

        if (node.Kind == JsonKind.True)
        {
            return new FaithfulnessSettings(new FaithfulnessOptions());
        }

        var o = new JsonObjectReader(model.Source, node, model.PathOf("faithfulness"), FaithfulnessKnown);
        var removal = o.Choice("removal", Removals) switch
        {
            "blur" => RemovalMethod.Blur,
            "mean" => RemovalMethod.Mean,
            _ => RemovalMethod.Road,
        };
        var steps = o.Get("steps") is { } s ? o.IntOf(s, o.PathOf("steps"), 1) : 20;
        if (steps > 1000)
        {
            throw model.Source.Invalid(o.Get("steps")!.Location, $"{o.PathOf("steps")} is {steps}; at most 1000 steps (each is a forward pass per image and curve)");
        }

        return new FaithfulnessSettings(
            new FaithfulnessOptions { Steps = steps, Removal = removal },
            o.Number("maxDeletionAuc", 0, 1),
            o.Number("minInsertionAuc", 0, 1),
            o.Number("maxFaithfulnessDrop", 0, 1));
    }

    public static SanitySettings? Sanity(JsonObjectReader model)
    {
        var node = model.Get("sanityCheck");
        if (node is null || Off(model, node, "sanityCheck"))
        {
            return null;
        }

        if (node.Kind == JsonKind.True)
        {
            return new SanitySettings(new SanityOptions());
        }

        var o = new JsonObjectReader(model.Source, node, model.PathOf("sanityCheck"), SanityKnown);
        var defaults = new SanityOptions();
        var layers = o.Int("layers", 1) ?? defaults.Layers;
        if (layers > 100)
        {
            throw model.Source.Invalid(o.Get("layers")!.Location, $"{o.PathOf("layers")} is {layers}; at most 100 layers");
        }

        return new SanitySettings(
            new SanityOptions { Layers = layers, Seed = o.Int("seed", 0) ?? defaults.Seed, Threshold = o.Number("threshold", 0, 1) ?? defaults.Threshold },
            o.Int("images", 1) ?? SanitySettings.DefaultImages);
    }

    /// <summary>
    /// "sanityCheck": false written out: `calibrate`, which runs the check by default, then leaves it out too. Absent is
    /// not off there: the audit's default (off) is about cost in every build, calibrate's (on) about trusting the method once.
    /// </summary>
    public static bool SanityOff(JsonObjectReader model) => model.Get("sanityCheck") is { Kind: JsonKind.False };

    /// <summary>false turns the feature off; true or an object turns it on; anything else is a type error.</summary>
    private static bool Off(JsonObjectReader model, JsonNode node, string name) => node.Kind switch
    {
        JsonKind.False => true,
        JsonKind.True or JsonKind.Object => false,
        _ => throw model.TypeError(node, model.PathOf(name), "true, false or an object"),
    };
}
