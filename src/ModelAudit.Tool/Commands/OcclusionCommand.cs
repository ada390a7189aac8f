using System.CommandLine;
using System.Globalization;
using ModelAudit.Core;
using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Occlusion;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;
using ModelAudit.Tool.Options;
using ModelAudit.Tool.Output;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit occlusion MODEL IMAGE...`: how much the class score drops as a patch hides each part of the input.</summary>
internal static class OcclusionCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var model = CommonArguments.Model();
        var images = CommonArguments.Images();
        var patch = new Option<int>("--patch") { Description = "Patch size in input-tensor pixels", DefaultValueFactory = _ => 16 };
        var stride = new Option<int>("--stride") { Description = "Step between patch positions in input-tensor pixels", DefaultValueFactory = _ => 8 };
        var fill = SaliencyCommand.Choice("--fill", "What hides the patch: mean (the image's per-channel mean), zero, or grey (pixel 128)",
            "mean", [.. OcclusionRequest.Fills]);
        var (classOption, labels, score) = SaliencyCommand.ClassOptions();
        var output = new Option<string?>("--out") { Description = "Folder for <image>.png: the score drop over the image" };
        var raw = new Option<string?>("--raw") { Description = "Folder for <image>.npy: the score drop per patch position (rows x columns), float32" };
        var colormap = SaliencyCommand.Choice("--colormap", "Colormap of the overlays", "jet", [.. Colormap.Names]);
        var command = new Command("occlusion", "Occlusion sensitivity: the drop in the class score as a patch slides over the input")
        {
            model, images, patch, stride, fill, classOption, labels, score, output, raw, colormap,
        };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var labelList = parse.GetValue(labels) is { } labelFile ? LabelFile.Read(labelFile) : null;
            var request = new OcclusionRequest(
                ClassChoice.Parse(parse.GetValue(classOption)!, labelList),
                ScoreKinds.Parse(parse.GetValue(score)!),
                parse.GetValue(patch), parse.GetValue(stride), parse.GetValue(fill)!,
                labelList);
            var loaded = parse.GetValue(images)!.Select(p => (p, ImageFiles.Load(p, shared.Decode(parse)))).ToList();
            var settings = shared.Session(parse);
            using var prepared = shared.Open(parse, parse.GetValue(model)!);
            using var analyzer = new OcclusionAnalyzer(prepared, settings);
            var results = ConsoleProgress.Run("occlusion", loaded.Count, progress => analyzer.Compute(loaded, request, progress: progress));
            var map = Colormap.Get(parse.GetValue(colormap)!);
            AnalysisFiles.Write(loaded.Select(l => l.p).ToList(), parse.GetValue(output), parse.GetValue(raw),
                i => OcclusionMaps.Overlay(results[i], loaded[i].Item2, map),
                i => (results[i].Map, [results[i].MapHeight, results[i].MapWidth]));

            Print(results, parse.GetValue(output), parse.GetValue(raw));
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static void Print(IReadOnlyList<OcclusionResult> results, string? pngFolder, string? rawFolder)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Image");
        table.AddColumn(new TableColumn("Class").RightAligned());
        table.AddColumn("Label");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn(new TableColumn("Max drop").RightAligned());
        table.AddColumn(new TableColumn("Positions").RightAligned());
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Image), r.Class.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Label ?? ""),
                r.BaseScore.ToString("G6", CultureInfo.InvariantCulture), r.Map.Max().ToString("G4", CultureInfo.InvariantCulture),
                $"{r.MapWidth}x{r.MapHeight}");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(pngFolder is null ? "Pass --out DIR to write an overlay per image." : $"Overlays written to [bold]{Markup.Escape(pngFolder)}[/]");
        if (rawFolder is not null)
        {
            AnsiConsole.MarkupLine($"Drop maps written to [bold]{Markup.Escape(rawFolder)}[/]");
        }
    }
}
