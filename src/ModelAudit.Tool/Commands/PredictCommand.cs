using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ModelAudit.Core;
using ModelAudit.Core.Analysis;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Tool.Options;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit predict MODEL IMAGE...`: top-k classes per image, batched.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var model = CommonArguments.Model();
        var images = CommonArguments.Images();
        var top = new Option<int>("--top") { Description = "How many classes to show per image", DefaultValueFactory = _ => 5 };
        var labels = new Option<string?>("--labels") { Description = "Text file with one class label per line" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("predict", "Top-k classes with probability and raw score for each image") { model, images, top, labels, json };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(top) < 1)
            {
                throw new ModelAuditException($"--top {parse.GetValue(top)}: give a whole number of at least 1");
            }

            var labelList = parse.GetValue(labels) is { } file ? LabelFile.Read(file) : null;
            var loaded = parse.GetValue(images)!.Select(p => (p, ImageFiles.Load(p, shared.Decode(parse)))).ToList();
            using var prepared = shared.Open(parse, parse.GetValue(model)!);
            var predictions = Predictor.Predict(prepared.Runner, prepared.Spec, loaded, parse.GetValue(top), labelList);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToJson(predictions).ToJsonString(Json.Indented));
            }
            else
            {
                Print(predictions);
            }

            return (int)ExitCode.Success;
        });
        return command;
    }

    private static void Print(IReadOnlyList<Prediction> predictions)
    {
        foreach (var p in predictions)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(p.Image)}[/]");
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn("Class");
            table.AddColumn("Label");
            table.AddColumn(new TableColumn("Probability").RightAligned());
            table.AddColumn(new TableColumn("Score").RightAligned());
            foreach (var c in p.Top)
            {
                table.AddRow(c.Class.ToString(CultureInfo.InvariantCulture), Markup.Escape(c.Label ?? ""),
                    c.Probability.ToString("0.0000", CultureInfo.InvariantCulture), c.Score.ToString("G6", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
        }
    }

    private static JsonArray ToJson(IReadOnlyList<Prediction> predictions) => new(predictions.Select(p => (JsonNode?)new JsonObject
    {
        ["image"] = p.Image,
        ["top"] = new JsonArray(p.Top.Select(c => (JsonNode?)new JsonObject
        {
            ["class"] = c.Class,
            ["label"] = c.Label,
            ["probability"] = c.Probability,
            ["score"] = c.Score,
        }).ToArray()),
    }).ToArray());
}
