using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ModelAudit.Core;
using ModelAudit.Core.Analysis.Filters;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Runtime;
using ModelAudit.Tool.Options;
using ModelAudit.Tool.Output;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit filters MODEL --layer NAME | --class N`: what each filter (or class) responds to most, by gradient ascent.</summary>
internal static class FiltersCommand
{
    private const int DefaultSize = 64;
    private const int DefaultFilterCount = 64;

    public static Command Create()
    {
        var shared = new SharedOptions();
        var model = CommonArguments.Model();
        var layer = new Option<string?>("--layer") { Description = "Node or value whose channels to visualize (filter patterns)" };
        var classes = new Option<string?>("--class") { Description = "Classes to visualize instead of a layer (class model): N, N,M or a-b" };
        var filters = new Option<string?>("--filters") { Description = "Channels of --layer: 0-63, 1,4,9 or 0-3,8 (default: the first 64)" };
        var steps = new Option<int>("--steps") { Description = "Gradient ascent steps", DefaultValueFactory = _ => 40 };
        var step = new Option<float>("--step") { Description = "Step length in 0..255 pixel levels", DefaultValueFactory = _ => 1f };
        var seed = new Option<int>("--seed") { Description = "Seed of the starting noise and of --robust", DefaultValueFactory = _ => 0 };
        var robust = new Option<bool>("--robust") { Description = "Jitter, scale and rotate the image a little before every step" };
        var batch = new Option<int>("--batch") { Description = "Filters optimized together in one run", DefaultValueFactory = _ => 16 };
        var output = new Option<string?>("--out") { Description = "The PNG grid to write (8 a row)" };
        var raw = new Option<string?>("--raw") { Description = "Folder for each final input tensor as float32 .npy (C,H,W)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("filters",
            $"Filter patterns (or a class model) by gradient ascent from grey noise; --size is the square image side for dynamic models (default {DefaultSize})")
        {
            model, layer, classes, filters, steps, step, seed, robust, batch, output, raw, json,
        };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var layerName = parse.GetValue(layer);
            var classText = parse.GetValue(classes);
            var filterText = parse.GetValue(filters);
            if ((layerName is null) == (classText is null))
            {
                throw new ModelAuditException(layerName is null
                    ? "filters needs --layer NAME (filter patterns) or --class N (class model)"
                    : "--layer and --class exclude each other: visualize a layer's filters or classes, not both");
            }

            if (classText is not null && filterText is not null)
            {
                throw new ModelAuditException("--filters picks channels of --layer; with --class list the classes in --class itself");
            }

            var path = parse.GetValue(model)!;
            var settings = shared.Session(parse);
            var (inputName, outputName) = (parse.GetValue(shared.Input), parse.GetValue(shared.Output));
            var overrides = WithDefaultSize(path, shared.Preprocessing(parse), settings, inputName, outputName);
            using var prepared = PreparedModel.Open(path, overrides, settings, inputName, outputName);
            var options = new FilterAscentOptions(SquareSide(prepared, overrides), parse.GetValue(steps), parse.GetValue(step),
                parse.GetValue(seed), parse.GetValue(robust), parse.GetValue(batch));
            using var visualizer = new FilterVisualizer(prepared, settings);
            IReadOnlyList<int> units = classText is not null
                ? IndexList.Parse(classText, "--class")
                : filterText is not null
                    ? IndexList.Parse(filterText, "--filters")
                    : Enumerable.Range(0, Math.Min(DefaultFilterCount, visualizer.LayerChannels(layerName!, options))).ToList();
            var quiet = parse.GetValue(json) || !AnsiConsole.Profile.Capabilities.Interactive;
            var patterns = ConsoleProgress.Run("gradient ascent", units.Count * options.Steps, quiet: quiet, run: progress => layerName is not null
                ? visualizer.Layer(layerName, units, options, progress)
                : visualizer.Classes(units, options, progress));
            var kind = layerName is null ? "class" : "filter";
            Write(patterns, parse.GetValue(output), parse.GetValue(raw), kind);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToJson(prepared, layerName, options, patterns).ToJsonString(Json.Indented));
            }
            else
            {
                Print(patterns, kind, parse.GetValue(output), parse.GetValue(raw));
            }

            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>Without --size, a model with a dynamic image size gets the ascent's default square; a fixed one keeps its own.</summary>
    private static PreprocessOverrides WithDefaultSize(string path, PreprocessOverrides given, SessionSettings settings, string? input, string? output)
    {
        if (given.Width is not null)
        {
            return given;
        }

        using var runner = ModelRunner.Open(path, settings, input, output);
        return IsDynamic(runner.Input.Shape, given.Layout)
            ? given with { Width = DefaultSize, Height = DefaultSize }
            : given;
    }

    private static int SquareSide(PreparedModel prepared, PreprocessOverrides overrides)
    {
        if (IsDynamic(prepared.Runner.Input.Shape, prepared.Spec.Layout) && overrides.Width != overrides.Height)
        {
            throw new ModelAuditException(
                $"{prepared.Runner.Path}: the ascent runs on square images for a dynamic input; give --size N (not {overrides.Width}x{overrides.Height})");
        }

        return prepared.Spec.Width;
    }

    private static bool IsDynamic(long[] shape, TensorLayout? layout)
    {
        if (shape.Length != 4)
        {
            return false;
        }

        var nhwc = layout == TensorLayout.Nhwc || (layout is null && shape[3] is 1 or 3 && shape[1] is not (1 or 3));
        return nhwc ? shape[1] <= 0 || shape[2] <= 0 : shape[2] <= 0 || shape[3] <= 0;
    }

    private static void Write(IReadOnlyList<FilterPattern> patterns, string? png, string? rawFolder, string kind)
    {
        if (png is not null)
        {
            PngEncoder.Save(FilterGrid.Render(patterns), png);
        }

        if (rawFolder is not null)
        {
            foreach (var p in patterns)
            {
                NpyWriter.Save(Path.Combine(rawFolder, $"{kind}-{p.Index}.npy"), p.Tensor, p.TensorShape);
            }
        }
    }

    private static void Print(IReadOnlyList<FilterPattern> patterns, string kind, string? png, string? rawFolder)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(kind == "class" ? "Class" : "Filter");
        table.AddColumn(new TableColumn("Objective first").RightAligned());
        table.AddColumn(new TableColumn("Objective last").RightAligned());
        foreach (var p in patterns)
        {
            table.AddRow(p.Index.ToString(CultureInfo.InvariantCulture), Number(p.FirstObjective), Number(p.LastObjective));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(png is null
            ? "Pass --out FILE.png to write the patterns as a grid."
            : $"Grid written to [bold]{Markup.Escape(png)}[/]");
        if (rawFolder is not null)
        {
            AnsiConsole.MarkupLine($"Input tensors written to [bold]{Markup.Escape(rawFolder)}[/]");
        }
    }

    private static string Number(float value) => value.ToString("G5", CultureInfo.InvariantCulture);

    private static JsonObject ToJson(PreparedModel prepared, string? layer, FilterAscentOptions options, IReadOnlyList<FilterPattern> patterns) => new()
    {
        ["model"] = prepared.Runner.Path,
        ["kind"] = layer is null ? "class" : "filter",
        ["layer"] = layer,
        ["width"] = patterns[0].TensorShape[2],
        ["height"] = patterns[0].TensorShape[1],
        ["steps"] = options.Steps,
        ["step"] = options.Step,
        ["seed"] = options.Seed,
        ["robust"] = options.Robust,
        ["filters"] = new JsonArray(patterns.Select(p => (JsonNode?)new JsonObject
        {
            ["index"] = p.Index,
            ["objectiveFirst"] = p.FirstObjective,
            ["objectiveLast"] = p.LastObjective,
        }).ToArray()),
    };
}
