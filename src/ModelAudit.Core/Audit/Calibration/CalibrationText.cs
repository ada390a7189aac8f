using System.Globalization;
using System.Text;

namespace ModelAudit.Core.Audit.Calibration;

/// <summary>The calibration as people read it: a table per model, notes, and the thresholds as JSON to paste.</summary>
public static class CalibrationText
{
    public static string Render(IReadOnlyList<ModelCalibration> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var text = new StringBuilder();
        foreach (var model in models)
        {
            text.Append("model ").Append(model.Name).Append(": ").Append(model.Method).Append(" at ").Append(model.Layer)
                .Append(", ").Append(N(model.Images)).Append(model.Images == 1 ? " image" : " images").Append('\n');
            text.Append("  metric                  min     median  max\n");
            foreach (var s in model.Metrics)
            {
                text.Append("  ").Append(s.Metric.PadRight(22)).Append(F(s.Min).PadLeft(7)).Append(F(s.Median).PadLeft(9)).Append(F(s.Max).PadLeft(7)).Append('\n');
            }

            foreach (var note in model.Notes)
            {
                text.Append("  note: ").Append(note).Append('\n');
            }

            SanityText.Append(text, model);

            text.Append("  suggested (the weakest image's value less ").Append((model.Margin * 100).ToString("0.#", CultureInfo.InvariantCulture))
                .Append("%, rounded down), paste into this model's entry:\n");
            text.Append(Json(model)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>"thresholds": { ... } with the suggested bars, indented to sit inside a model entry.</summary>
    public static string Json(ModelCalibration model)
    {
        var parts = model.Suggested.Select(p => $"\"{p.Key}\": {Value(p.Value)}");
        return "  \"thresholds\": { " + string.Join(", ", parts) + " }";
    }

    private static string Value(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => N(i),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        _ => "\"" + value + "\"",
    };

    /// <summary>Three decimals, NaN as a dash: every number calibrate prints.</summary>
    internal static string F(double value) => double.IsNaN(value) ? "—" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
