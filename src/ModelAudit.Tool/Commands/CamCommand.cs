using System.CommandLine;
using System.Globalization;
using ModelAudit.Core;
using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;
using ModelAudit.Onnx.Autodiff.Precision;
using ModelAudit.Tool.Options;
using ModelAudit.Tool.Output;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit cam MODEL IMAGE...`: class activation maps (Grad-CAM and friends) as overlays and raw maps.</summary>
internal static class CamCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var model = CommonArguments.Model();
        var images = CommonArguments.Images();
        var method = new Option<string>("--method")
        {
            Description = $"CAM method: {string.Join(", ", CamMethods.Names)} (the last three need no gradients)",
            DefaultValueFactory = _ => "gradcam",
        };
        method.AcceptOnlyFromAmong([.. CamMethods.Names]);
        var layer = new Option<string>("--layer") { Description = "Node or value name of the feature map, or auto (the last one before the output)", DefaultValueFactory = _ => "auto" };
        var layoutOfLayer = new Option<string?>("--layout-of-layer")
        {
            Description = "How the layer holds its map when the shape is ambiguous: nchw, nhwc (Swin, channels-last ConvNeXt) or tokens (ViT: [N,T,C]); inferred by default",
        };
        layoutOfLayer.AcceptOnlyFromAmong([.. LayerLayouts.Names]);
        var grid = new Option<string?>("--grid")
        {
            Description = "The h x w grid of a token layer, e.g. 14x14 (leading class/register tokens beyond h*w are dropped); inferred by default",
        };
        var classOption = new Option<string>("--class") { Description = "Class to explain: top (the predicted one), an index, or a label", DefaultValueFactory = _ => "top" };
        var labels = new Option<string?>("--labels") { Description = "Text file with one class label per line" };
        var score = new Option<string>("--score") { Description = "What is explained: logit (default; the input of a final Softmax), probability, or output", DefaultValueFactory = _ => "logit" };
        score.AcceptOnlyFromAmong("logit", "probability", "output");
        var output = new Option<string?>("--out") { Description = "Folder for <image>.png: the map upsampled to the original image, colored, blended over it" };
        var raw = new Option<string?>("--raw") { Description = "Folder for <image>.npy: the map at the layer's resolution (h, w), float32, after ReLU, not normalized" };
        var colormap = new Option<string>("--colormap") { Description = "Colormap of the overlays", DefaultValueFactory = _ => "jet" };
        colormap.AcceptOnlyFromAmong([.. Colormap.Names]);
        var alpha = new Option<float>("--alpha") { Description = "Weight of the heat added onto the image (0.4 as in the book)", DefaultValueFactory = _ => 0.4f };
        var segment = new Option<string?>("--segment")
        {
            Description = "For dense outputs (detectors): explain the sum of an output channel inside a box x,y,w,h in image pixels, or over all of it (all)",
        };
        var segmentChannel = new Option<int>("--segment-channel") { Description = "Output channel summed by --segment", DefaultValueFactory = _ => 0 };
        var command = new Command("cam", "Class activation maps: Grad-CAM, Grad-CAM++, HiResCAM, XGrad-CAM, LayerCAM, Eigen-CAM, Score-CAM, Ablation-CAM")
        {
            model, images, method, layer, layoutOfLayer, grid, classOption, labels, score, output, raw, colormap, alpha, segment, segmentChannel,
        };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var labelList = parse.GetValue(labels) is { } labelFile ? LabelFile.Read(labelFile) : null;
            var heatWeight = parse.GetValue(alpha);
            if (!float.IsFinite(heatWeight) || heatWeight < 0)
            {
                throw new ModelAuditException($"--alpha {heatWeight.ToString(CultureInfo.InvariantCulture)}: give a number of at least 0, e.g. 0.4");
            }

            var request = new CamRequest(
                CamMethods.Parse(parse.GetValue(method)!),
                parse.GetValue(layer)!,
                ClassChoice.Parse(parse.GetValue(classOption)!, labelList),
                ScoreKinds.Parse(parse.GetValue(score)!),
                labelList);
            var box = parse.GetValue(segment) is { } segmentText ? SegmentationTargets.ParseBox(segmentText) : default;
            var loaded = parse.GetValue(images)!.Select(p => (p, ImageFiles.Load(p, shared.Decode(parse)))).ToList();
            var settings = shared.Session(parse);
            using var prepared = shared.Open(parse, parse.GetValue(model)!);
            var hints = new LayerHints(
                parse.GetValue(layoutOfLayer) is { } layoutName ? LayerLayouts.Parse(layoutName) : null,
                parse.GetValue(grid) is { } gridText ? TokenGridSize.Parse(gridText) : null);
            using var analyzer = new CamAnalyzer(prepared, settings, hints);
            var value = analyzer.ResolveLayer(request.Layer);
            var how = analyzer.DescribeLayer(request.Layer).Describe();
            AnsiConsole.MarkupLine(string.Equals(request.Layer, "auto", StringComparison.OrdinalIgnoreCase)
                ? $"Layer: [bold]{Markup.Escape(value)}[/], read as {Markup.Escape(how)} (chosen by auto: the last feature map before the output)"
                : $"Layer: [bold]{Markup.Escape(value)}[/], read as {Markup.Escape(how)}");
            if (CamMethods.NeedsGradients(request.Method) && GradientPrecisions.Describe(GradientPrecisions.Of(prepared.Runner.Model)) is { } precision)
            {
                AnsiConsole.MarkupLine($"Gradients: {Markup.Escape(precision)}");
            }

            var results = parse.GetValue(segment) is null
                ? ConsoleProgress.Run("cam", loaded.Count, progress => analyzer.Compute(loaded, request, progress: progress))
                : loaded.Select(l => analyzer.Compute([l], request with
                {
                    Segmentation = SegmentationTargets.For(prepared, l.Item2, box, parse.GetValue(segmentChannel)),
                })[0]).ToList();
            Write(results, loaded, parse.GetValue(output), parse.GetValue(raw), Colormap.Get(parse.GetValue(colormap)!), heatWeight);
            Print(results, request, parse.GetValue(output), parse.GetValue(raw));
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static void Write(IReadOnlyList<CamResult> results, IReadOnlyList<(string Path, Image Image)> loaded,
        string? pngFolder, string? rawFolder, Colormap colormap, float alpha) =>
        AnalysisFiles.Write(loaded.Select(l => l.Path).ToList(), pngFolder, rawFolder,
            i => CamProjection.Overlay(loaded[i].Image, results[i], colormap, alpha),
            i => (results[i].Map, [results[i].MapHeight, results[i].MapWidth]));

    private static void Print(IReadOnlyList<CamResult> results, CamRequest request, string? pngFolder, string? rawFolder)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Image");
        table.AddColumn(new TableColumn("Class").RightAligned());
        table.AddColumn("Label");
        table.AddColumn(new TableColumn("Probability").RightAligned());
        table.AddColumn(new TableColumn("Predicted").RightAligned());
        table.AddColumn("Method");
        table.AddColumn("Map");
        var method = CamMethods.Name(request.Method);
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(Path.GetFileName(r.Image)),
                r.Class.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(r.Label ?? ""),
                r.Probability.ToString("0.0000", CultureInfo.InvariantCulture),
                r.PredictedClass.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(method),
                $"{r.MapWidth}x{r.MapHeight}");
        }

        AnsiConsole.Write(table);
        if (pngFolder is not null)
        {
            AnsiConsole.MarkupLine($"Overlays written to [bold]{Markup.Escape(pngFolder)}[/]");
        }

        if (rawFolder is not null)
        {
            AnsiConsole.MarkupLine($"Raw maps written to [bold]{Markup.Escape(rawFolder)}[/]");
        }

        if (pngFolder is null && rawFolder is null)
        {
            AnsiConsole.MarkupLine("Pass --out DIR for overlays and --raw DIR for the maps as .npy.");
        }
    }
}
