using System.CommandLine;
using System.Globalization;
using ModelAudit.Core;
using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Runtime;
using ModelAudit.Tool.Options;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit activations MODEL IMAGE`: what each layer sees, as grids of channel maps.</summary>
internal static class ActivationsCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var model = CommonArguments.Model();
        var image = new Argument<string>("image") { Description = "One image file" };
        var layers = new Option<string?>("--layers") { Description = "Comma-separated node or value names (default: every 4-D output)" };
        var all = new Option<bool>("--all") { Description = "Every intermediate value, not only feature maps" };
        var output = new Option<string?>("--out") { Description = "Folder for one PNG grid per layer" };
        var raw = new Option<string?>("--raw") { Description = "Folder for each layer's output as float32 .npy (batch axis removed)" };
        var layoutOfLayer = new Option<string?>("--layout-of-layer")
        {
            Description = "How the layers hold their maps when the shape is ambiguous: nchw, nhwc or tokens; inferred by default",
        };
        layoutOfLayer.AcceptOnlyFromAmong([.. LayerLayouts.Names]);
        var grid = new Option<string?>("--grid") { Description = "The h x w grid of token layers, e.g. 14x14; inferred by default" };
        var command = new Command("activations", "Intermediate activations of one image: a grid of channel maps per layer, and sparsity")
        {
            model, image, layers, all, output, raw, layoutOfLayer, grid,
        };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(layers) is not null && parse.GetValue(all))
            {
                throw new ModelAuditException("--layers and --all exclude each other: name layers, or ask for all of them");
            }

            var picture = ImageFiles.Load(parse.GetValue(image)!, shared.Decode(parse));
            using var prepared = shared.Open(parse, parse.GetValue(model)!);
            var runner = prepared.Runner;
            var shape = prepared.InputShape(1);
            var maps = new LayerMaps(prepared, new LayerHints(
                parse.GetValue(layoutOfLayer) is { } layoutName ? LayerLayouts.Parse(layoutName) : null,
                parse.GetValue(grid) is { } gridText ? TokenGridSize.Parse(gridText) : null));
            var values = parse.GetValue(layers) is { } names
                ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(runner.ResolveValue).Distinct().ToList()
                : parse.GetValue(all) ? runner.IntermediateValues() : maps.Values;
            var tensor = new float[shape.Aggregate(1L, (a, b) => a * b)];
            Preprocessor.Fill(picture, prepared.Spec, tensor);
            var activations = ActivationExtractor.Extract(runner, new FloatTensor(tensor, shape), values);
            Write(activations, maps, parse.GetValue(output), parse.GetValue(raw));
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static void Write(IReadOnlyList<LayerActivation> activations, LayerMaps maps, string? pngFolder, string? rawFolder)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Layer");
        table.AddColumn("Value");
        table.AddColumn("Shape");
        table.AddColumn(new TableColumn("Sparsity").RightAligned());
        foreach (var output in activations)
        {
            var file = NpyWriter.SafeFileName(output.Value);
            // The raw file keeps the model's layout; the grid and sparsity read channels-last and token layers as (C, H, W).
            var a = maps.AsFeatureMap(output);
            if (pngFolder is not null && a.Shape.Length == 3)
            {
                Directory.CreateDirectory(pngFolder);
                PngEncoder.Save(ActivationGrid.Render(a), Path.Combine(pngFolder, file + ".png"));
            }

            if (rawFolder is not null)
            {
                NpyWriter.Save(Path.Combine(rawFolder, file + ".npy"), output.Data, output.Shape);
            }

            table.AddRow(Markup.Escape(a.Layer), Markup.Escape(a.Value), Markup.Escape("[" + string.Join(",", output.Shape) + "]"),
                a.Shape.Length == 3 ? a.Sparsity.ToString("P0", CultureInfo.InvariantCulture) : "-");
        }

        AnsiConsole.Write(table);
        if (pngFolder is not null)
        {
            AnsiConsole.MarkupLine($"Grids written to [bold]{Markup.Escape(pngFolder)}[/]");
        }
        else
        {
            AnsiConsole.MarkupLine("Pass --out DIR to write a PNG grid per layer.");
        }

        if (rawFolder is not null)
        {
            AnsiConsole.MarkupLine($"Raw outputs written to [bold]{Markup.Escape(rawFolder)}[/]");
        }
    }
}
