using System.Globalization;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Audit.Layers;

/// <summary>
/// The layer the audit maps, judged by its cells: a w x h map over a W x H input has cells of W/w x H/h input
/// pixels. A layer fits a region when at least two of its cells span it on each axis: a region one cell wide straddles two
/// cells wherever it lies, each reaching outside it, so the map cannot put its mass inside however well the model
/// attends (README's example: an honest model's mass is 0.38 at 24-pixel cells on a 30-pixel box, 0.85 at 4-pixel ones).
/// "auto" takes the last feature map whose cells fit every expected region (the last of all when none does or no
/// region is given); a layer whose cells do not fit is warned about (MA1108), naming one that fits.
/// </summary>
/// <param name="Choice">For "auto": what was chosen and why, in one sentence; null for a named layer.</param>
/// <param name="Warning">MA1108's message when fewer than two of the layer's cells span the smallest region, else null.</param>
internal sealed record LayerFit(string Value, string? Choice, string? Warning)
{
    // Cell sizes are quotients (input size / map size): two cells exactly as wide as the region must count as fitting.
    private const double Slack = 1e-9;

    /// <summary>Cells that must span a region on each axis.</summary>
    private const double CellsAcross = 2;

    /// <param name="maps">The feature maps "auto" chooses among, in graph order; not empty.</param>
    public static LayerFit Choose(string model, IReadOnlyList<(string Value, LayerGrid Grid)> maps, IReadOnlyList<RegionExtent> regions, PreprocessSpec spec)
    {
        var cells = new Cells(regions, spec);
        var last = maps[^1];
        if (regions.Count == 0)
        {
            return new(last.Value, $"'{last.Value}', the last feature map on the path to the output, a {cells.Map(last.Grid)}; no expected region to fit its cells to", null);
        }

        if (maps.LastOrDefault(m => cells.Fit(m.Grid)) is { Value: not null } fit)
        {
            var why = fit.Value == last.Value
                ? $"'{fit.Value}', the last feature map on the path to the output: its {cells.Map(fit.Grid)} puts at least two cells across the smallest expected region ({cells.Tightest(fit.Grid)})"
                : $"'{fit.Value}', the last feature map with at least two cells across the smallest expected region ({cells.Tightest(fit.Grid)}): its {cells.Map(fit.Grid)}; "
                  + $"the later '{last.Value}' has a {cells.Map(last.Grid)}";
            return new(fit.Value, why, null);
        }

        return new(
            last.Value,
            $"'{last.Value}', the last feature map on the path to the output, a {cells.Map(last.Grid)}: no feature map has two cells across the smallest expected region ({cells.Tightest(last.Grid)})",
            cells.Warning(model, last.Value, last.Grid, maps));
    }

    /// <summary>A layer the config names is kept; it is only warned about.</summary>
    public static LayerFit Check(string model, string value, LayerGrid grid, IReadOnlyList<(string Value, LayerGrid Grid)> maps,
        IReadOnlyList<RegionExtent> regions, PreprocessSpec spec)
    {
        var cells = new Cells(regions, spec);
        return new(value, null, regions.Count == 0 || cells.Fit(grid) ? null : cells.Warning(model, value, grid, maps));
    }

    private sealed class Cells(IReadOnlyList<RegionExtent> regions, PreprocessSpec spec)
    {
        public bool Fit(LayerGrid grid) => Worst(grid).Overflow(CellsAcross * Width(grid), CellsAcross * Height(grid)) <= 1 + Slack;

        public string Map(LayerGrid grid) => $"{grid.Width}x{grid.Height} map (cells of {InInput(grid)} input pixels)";

        /// <summary>The region the layer's cells overflow most, in its own image's pixels, with the cell there.</summary>
        public string Tightest(LayerGrid grid)
        {
            var r = Worst(grid);
            return $"the {N(r.Width)}x{N(r.Height)}-pixel {r.Kind} of {r.Image}, where a cell is {InImage(grid, r)} pixels";
        }

        public string Warning(string model, string value, LayerGrid grid, IReadOnlyList<(string Value, LayerGrid Grid)> maps)
        {
            var r = Worst(grid);
            var remedy = maps.LastOrDefault(m => Fit(m.Grid)) is { Value: not null } fit
                ? $"layer '{fit.Value}' (cells of {InInput(fit.Grid)} input pixels, {InImage(fit.Grid, r)} in {r.Image}) has two across every region: set \"layer\": \"{fit.Value}\""
                : "no feature map on the path to the output has cells that small: give larger regions, or thresholds this layer can meet (`modelaudit calibrate` measures them)";
            return $"{model}: layer '{value}' has cells of {InInput(grid)} input pixels (a {grid.Width}x{grid.Height} map over the {spec.Width}x{spec.Height} input), "
                + $"{InImage(grid, r)} pixels in {r.Image}: fewer than two across the {N(r.Width)}x{N(r.Height)}-pixel {r.Kind} there, the smallest expected region; {remedy}";
        }

        private string InInput(LayerGrid grid) => $"{N(Width(grid))}x{N(Height(grid))}";

        private string InImage(LayerGrid grid, RegionExtent r) => $"{N(Width(grid) / r.ScaleX)}x{N(Height(grid) / r.ScaleY)}";

        private RegionExtent Worst(LayerGrid grid) => regions.MaxBy(r => r.Overflow(Width(grid), Height(grid)))!;

        private double Width(LayerGrid grid) => spec.Width / (double)grid.Width;

        private double Height(LayerGrid grid) => spec.Height / (double)grid.Height;

        private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
    }
}
