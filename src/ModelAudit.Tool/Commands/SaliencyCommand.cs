using System.CommandLine;
using System.Globalization;
using ModelAudit.Core;
using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Saliency;
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

/// <summary>`modelaudit saliency MODEL IMAGE...`: d score / d input per image, as overlays and raw gradients.</summary>
internal static class SaliencyCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var model = CommonArguments.Model();
        var images = CommonArguments.Images();
        var method = Choice("--method", "gradient, smoothgrad (mean over noisy copies), integrated (Integrated Gradients) or guided (guided backprop)",
            "gradient", "gradient", "smoothgrad", "integrated", "guided");
        var samples = new Option<int>("--samples") { Description = "SmoothGrad: number of noisy copies", DefaultValueFactory = _ => 25 };
        var noise = new Option<float>("--noise") { Description = "SmoothGrad: noise std as a fraction of the input tensor's range", DefaultValueFactory = _ => 0.15f };
        var steps = new Option<int>("--steps") { Description = "Integrated Gradients: Riemann steps from the baseline", DefaultValueFactory = _ => 32 };
        var baseline = Choice("--baseline", "Integrated Gradients: zero (tensor zeros) or black (a black picture, preprocessed)", "zero", "zero", "black");
        var seed = new Option<int>("--seed") { Description = "SmoothGrad: noise seed", DefaultValueFactory = _ => 0 };
        var (classOption, labels, score) = ClassOptions();
        var output = new Option<string?>("--out") { Description = "Folder for <image>.png: the heat (max |gradient| over channels) over the image" };
        var raw = new Option<string?>("--raw") { Description = "Folder for <image>.npy: the signed d score / d input, float32, input layout without the batch axis" };
        var colormap = Choice("--colormap", "Colormap of the overlays", "jet", [.. Colormap.Names]);
        var command = new Command("saliency", "Input-gradient saliency maps: plain, SmoothGrad, Integrated Gradients, guided backprop")
        {
            model, images, method, samples, noise, steps, baseline, seed, classOption, labels, score, output, raw, colormap,
        };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var labelList = parse.GetValue(labels) is { } labelFile ? LabelFile.Read(labelFile) : null;
            var request = new SaliencyRequest(
                Enum.Parse<SaliencyMethod>(parse.GetValue(method)!, ignoreCase: true),
                ClassChoice.Parse(parse.GetValue(classOption)!, labelList),
                ScoreKinds.Parse(parse.GetValue(score)!),
                labelList,
                parse.GetValue(samples), parse.GetValue(noise), parse.GetValue(steps), parse.GetValue(baseline)!, parse.GetValue(seed));
            var loaded = parse.GetValue(images)!.Select(p => (p, ImageFiles.Load(p, shared.Decode(parse)))).ToList();
            var settings = shared.Session(parse);
            using var prepared = shared.Open(parse, parse.GetValue(model)!);
            using var analyzer = new SaliencyAnalyzer(prepared, settings);
            if (GradientPrecisions.Describe(GradientPrecisions.Of(prepared.Runner.Model)) is { } precision)
            {
                AnsiConsole.MarkupLine($"Gradients: {Markup.Escape(precision)}");
            }

            var results = ConsoleProgress.Run("saliency", loaded.Count, progress => analyzer.Compute(loaded, request, progress: progress));
            var map = Colormap.Get(parse.GetValue(colormap)!);
            AnalysisFiles.Write(loaded.Select(l => l.p).ToList(), parse.GetValue(output), parse.GetValue(raw),
                i => SaliencyMaps.Overlay(results[i], loaded[i].Item2, map),
                i => (results[i].Gradient, results[i].Shape));

            Print(results, request, parse.GetValue(output), parse.GetValue(raw));
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>The --class, --labels and --score options, shared with the occlusion command.</summary>
    internal static (Option<string> Class, Option<string?> Labels, Option<string> Score) ClassOptions() =>
    (
        new Option<string>("--class") { Description = "Class to explain: top (the predicted one), an index, or a label", DefaultValueFactory = _ => "top" },
        new Option<string?>("--labels") { Description = "Text file with one class label per line" },
        Choice("--score", "What is scored: logit (input of a final Softmax), probability, or output (the raw output)", "logit", "logit", "probability", "output")
    );

    internal static Option<string> Choice(string name, string description, string defaultValue, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static void Print(IReadOnlyList<SaliencyResult> results, SaliencyRequest request, string? pngFolder, string? rawFolder)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Image");
        table.AddColumn(new TableColumn("Class").RightAligned());
        table.AddColumn("Label");
        table.AddColumn(new TableColumn("Probability").RightAligned());
        table.AddColumn(new TableColumn("Max |gradient|").RightAligned());
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Image), r.Class.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Label ?? ""),
                r.Probability.ToString("0.0000", CultureInfo.InvariantCulture),
                SaliencyMaps.ToHeat(r).DefaultIfEmpty().Max().ToString("G4", CultureInfo.InvariantCulture));
        }

        AnsiConsole.MarkupLine($"Method: [bold]{request.Method.ToString().ToLowerInvariant()}[/], score: {ScoreKinds.Name(request.Score)}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(pngFolder is null ? "Pass --out DIR to write an overlay per image." : $"Overlays written to [bold]{Markup.Escape(pngFolder)}[/]");
        if (rawFolder is not null)
        {
            AnsiConsole.MarkupLine($"Gradients written to [bold]{Markup.Escape(rawFolder)}[/]");
        }
    }
}
