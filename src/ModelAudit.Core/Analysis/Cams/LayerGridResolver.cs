using ModelAudit.Onnx;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Decides how a layer's activation is a feature map (<see cref="LayerGrid"/>). 4-D: channels first unless the shape
/// says channels last (H == W on axes 1-2 but not on 2-3, or axes 1-2 match the patch grid), the model's input layout
/// breaking a tie. 3-D [N, T, C]: tokens; the grid is the user's <c>--grid</c>, else the patch embedding's (the Conv
/// whose output is flattened into tokens) when T exceeds it by at most <see cref="MaxLeadingTokens"/>, else the
/// square left after dropping the fewest leading tokens. <c>--layout-of-layer</c> overrides the guess.
/// </summary>
internal sealed class LayerGridResolver
{
    /// <summary>Class, distillation and register tokens a ViT-style model may put before its grid.</summary>
    public const int MaxLeadingTokens = 16;

    private static readonly HashSet<string> Flattening = new(StringComparer.Ordinal) { "Reshape", "Flatten", "Transpose", "Identity" };

    private readonly LayerHints hints;
    private readonly bool inputIsChannelsLast;
    private readonly List<TokenGridSize> patchGrids;

    public LayerGridResolver(OnnxGraph graph, IReadOnlyDictionary<string, long[]> shapes, LayerHints hints, bool inputIsChannelsLast)
        : this(PatchGrids(graph, shapes), hints, inputIsChannelsLast)
    {
    }

    public LayerGridResolver(IReadOnlyList<TokenGridSize> patchGrids, LayerHints hints, bool inputIsChannelsLast)
    {
        this.hints = hints;
        this.inputIsChannelsLast = inputIsChannelsLast;
        this.patchGrids = [.. patchGrids];
    }

    /// <summary>The patch embeddings' output grids, in graph order (for tests and messages).</summary>
    public IReadOnlyList<TokenGridSize> PatchGridSizes => patchGrids;

    public LayerGrid Resolve(string path, string layer, long[] shape) =>
        TryResolve(shape, out var problem) ?? throw new ModelAuditException($"{path}: layer '{layer}' is [{string.Join(",", shape)}]; {problem}");

    public LayerGrid? TryResolve(long[] shape, out string problem)
    {
        problem = string.Empty;
        switch (shape.Length)
        {
            case 4 when hints.Layout == LayerLayout.Tokens:
                problem = "--layout-of-layer tokens reads 3-D [N, T, C] layers; use nchw or nhwc for a 4-D one";
                return null;
            case 4:
                var channelsLast = hints.Layout switch
                {
                    LayerLayout.Nhwc => true,
                    LayerLayout.Nchw => false,
                    _ => GuessChannelsLast(shape),
                };
                return channelsLast
                    ? new LayerGrid(LayerLayout.Nhwc, (int)shape[3], (int)shape[1], (int)shape[2])
                    : new LayerGrid(LayerLayout.Nchw, (int)shape[1], (int)shape[2], (int)shape[3]);
            case 3 when hints.Layout is LayerLayout.Nchw or LayerLayout.Nhwc:
                problem = $"--layout-of-layer {LayerLayouts.Name(hints.Layout.Value)} reads 4-D layers; a 3-D [N, T, C] layer is tokens";
                return null;
            case 3:
                return Tokens((int)shape[1], (int)shape[2], out problem);
            default:
                problem = "a CAM needs a feature map [N,C,H,W] or [N,H,W,C], or tokens [N,T,C]";
                return null;
        }
    }

    private LayerGrid? Tokens(int tokens, int channels, out string problem)
    {
        problem = string.Empty;
        if (hints.Grid is { } given)
        {
            var cells = given.Height * given.Width;
            if (cells > tokens)
            {
                problem = $"the grid {given} has {cells} cells but the layer only {tokens} tokens";
                return null;
            }

            return new LayerGrid(LayerLayout.Tokens, channels, given.Height, given.Width, tokens - cells);
        }

        foreach (var patch in patchGrids)
        {
            var leading = tokens - (patch.Height * patch.Width);
            if (leading is >= 0 and <= MaxLeadingTokens)
            {
                return new LayerGrid(LayerLayout.Tokens, channels, patch.Height, patch.Width, leading);
            }
        }

        for (var leading = 0; leading <= Math.Min(MaxLeadingTokens, tokens - 4); leading++)
        {
            var side = (int)Math.Round(Math.Sqrt(tokens - leading));
            if (side * side == tokens - leading)
            {
                return new LayerGrid(LayerLayout.Tokens, channels, side, side, leading);
            }
        }

        problem = $"its {tokens} tokens form no square grid after dropping up to {MaxLeadingTokens} leading tokens, and no patch embedding "
            + "matches; give the grid with --grid HxW (config \"grid\": \"HxW\")";
        return null;
    }

    private bool GuessChannelsLast(long[] s)
    {
        bool firstMatches = patchGrids.Contains(new TokenGridSize((int)s[2], (int)s[3]));
        bool lastMatches = patchGrids.Contains(new TokenGridSize((int)s[1], (int)s[2]));
        if (firstMatches != lastMatches)
        {
            return lastMatches;
        }

        bool squareFirst = s[2] == s[3], squareLast = s[1] == s[2];
        return squareFirst != squareLast ? squareLast : inputIsChannelsLast;
    }

    /// <summary>Outputs of Convs that reach a 3-D value through reshapes and transposes only: patch embeddings.</summary>
    private static List<TokenGridSize> PatchGrids(OnnxGraph graph, IReadOnlyDictionary<string, long[]> shapes)
    {
        var grids = new List<TokenGridSize>();
        foreach (var conv in graph.Nodes.Where(n => n.OpType == "Conv" && n.Outputs.Count > 0))
        {
            if (!shapes.TryGetValue(conv.Outputs[0], out var shape) || shape.Length != 4)
            {
                continue;
            }

            var pending = new Stack<string>([conv.Outputs[0]]);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var reaches = false;
            while (!reaches && pending.TryPop(out var value))
            {
                foreach (var next in graph.Consumers(value).Where(n => Flattening.Contains(n.OpType)).SelectMany(n => n.Outputs))
                {
                    if (seen.Add(next) && shapes.TryGetValue(next, out var nextShape))
                    {
                        reaches |= nextShape.Length == 3;
                        pending.Push(next);
                    }
                }
            }

            var grid = new TokenGridSize((int)shape[2], (int)shape[3]);
            if (reaches && !grids.Contains(grid))
            {
                grids.Add(grid);
            }
        }

        return grids;
    }
}
