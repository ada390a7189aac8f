using System.CommandLine;
using System.Text.Json.Nodes;
using ModelAudit.Core;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Onnx;
using ModelAudit.Tool.Options;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit summary MODEL`: the layers, their output shapes and parameter counts.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var model = CommonArguments.Model();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("summary", "Per layer: name, op, output shape, parameter count; totals, inputs and outputs")
        {
            model, json, shared.Size, shared.Layout, shared.Input,
        };
        shared.AddTo(command, preprocessing: false);
        command.SetAction(parse =>
        {
            using var runner = ModelRunner.Open(parse.GetValue(model)!, shared.Session(parse), parse.GetValue(shared.Input));
            var shapes = ProbeShapes(runner, shared.Preprocessing(parse), out var sizeNote);
            var summary = ModelSummarizer.Summarize(runner.Model, shapes);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToJson(summary).ToJsonString(Json.Indented));
            }
            else
            {
                Print(runner, summary, sizeNote);
            }

            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>Concrete shapes when the image size is known (fixed or --size); otherwise the declared ones.</summary>
    private static IReadOnlyDictionary<string, long[]>? ProbeShapes(ModelRunner runner, PreprocessOverrides given, out string note)
    {
        var input = runner.Input;
        if (input.Shape.Length != 4)
        {
            note = "shapes as declared in the model";
            return null;
        }

        PreprocessSpec spec;
        try
        {
            spec = PreprocessResolver.Resolve(given, input.Name, input.Shape, runner.Session.CustomMetadata, runner.Path);
        }
        catch (ModelAuditException) when (given.Width is null)
        {
            note = "shapes as declared in the model (pass --size WxH to resolve dynamic sizes)";
            return null;
        }

        note = $"shapes for one {spec.Width}x{spec.Height} image";
        return runner.ValueShapes(Preprocessor.Shape(spec, 1));
    }

    private static void Print(ModelRunner runner, ModelSummary summary, string note)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(runner.Name)}[/] ({Markup.Escape(note)})");
        table.AddColumn("Layer");
        table.AddColumn("Op");
        table.AddColumn("Output shape");
        table.AddColumn(new TableColumn("Params").RightAligned());
        foreach (var layer in summary.Layers)
        {
            var shapes = string.Join(" ", layer.Outputs.Select(o => ShapeText(o.Shape)));
            table.AddRow(Markup.Escape(layer.Name), Markup.Escape(layer.OpType), Markup.Escape(shapes), $"{layer.Parameters:N0}");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Total params: [bold]{summary.TotalParameters:N0}[/] in {summary.Layers.Count} layers");
        foreach (var v in summary.Inputs)
        {
            AnsiConsole.MarkupLine($"Input  [bold]{Markup.Escape(v.Name)}[/] {Markup.Escape(v.Shape?.ToString() ?? "[?]")} {Json.TypeName(v.ElementType)}");
        }

        foreach (var v in summary.Outputs)
        {
            AnsiConsole.MarkupLine($"Output [bold]{Markup.Escape(v.Name)}[/] {Markup.Escape(v.Shape?.ToString() ?? "[?]")} {Json.TypeName(v.ElementType)}");
        }
    }

    private static string ShapeText(long[]? shape) =>
        shape is null ? "?" : "[" + string.Join(",", shape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static JsonObject ToJson(ModelSummary summary) => new()
    {
        ["inputs"] = new JsonArray(summary.Inputs.Select(Json.Value).ToArray<JsonNode?>()),
        ["outputs"] = new JsonArray(summary.Outputs.Select(Json.Value).ToArray<JsonNode?>()),
        ["layers"] = new JsonArray(summary.Layers.Select(l => (JsonNode?)new JsonObject
        {
            ["name"] = l.Name,
            ["op"] = l.OpType,
            ["outputs"] = new JsonArray(l.Outputs.Select(o => (JsonNode?)new JsonObject
            {
                ["name"] = o.Name,
                ["shape"] = o.Shape is null ? null : Json.Shape(o.Shape),
            }).ToArray()),
            ["params"] = l.Parameters,
        }).ToArray()),
        ["totalParams"] = summary.TotalParameters,
    };
}
