using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// Which model and image each diagnostic of a report is about, so a merge can put it back in config order.
/// Diagnostics carry only a location, and images from one annotations file share theirs, so: the model is the one
/// whose entry holds the line; the image is, among that model's images at the location and not before the previous
/// diagnostic's image (diagnostics come in image order), the first whose unused check it reports, else whose path
/// it names; otherwise the diagnostic is about the model itself.
/// </summary>
internal static class FindingOwners
{
    public static List<PartialFinding> Of(AuditConfig full, AuditReport report, IReadOnlyList<PartialModel> models)
    {
        var owners = new List<PartialFinding>();
        var cursor = new Dictionary<int, int>();
        var used = new HashSet<(int Model, int Image, int Check)>();
        foreach (var finding in report.Findings)
        {
            var model = ModelAt(full, finding.Line);
            var k = FindIndex(models, model);
            if (k < 0)
            {
                owners.Add(new PartialFinding(model, -1));
                continue;
            }

            var result = report.Models[k];
            var at = new SourceLocation(finding.Line, finding.Column);
            var from = cursor.GetValueOrDefault(k);
            var candidates = Enumerable.Range(from, result.Images.Count - from).Where(i => result.Images[i].Location == at).ToList();
            var image = -1;
            foreach (var i in candidates)
            {
                var check = FindCheck(result.Images[i], finding, c => !used.Contains((k, i, c)));
                if (check >= 0)
                {
                    used.Add((k, i, check));
                    image = i;
                    break;
                }
            }

            if (image < 0)
            {
                image = candidates.FirstOrDefault(i => finding.Message.Contains($"/{result.Images[i].Path}:", StringComparison.Ordinal) && used.Add((k, i, -1)), -1);
            }

            if (image < 0)
            {
                owners.Add(new PartialFinding(model, -1));
                continue;
            }

            cursor[k] = image;
            owners.Add(new PartialFinding(model, models[k].Images[image]));
        }

        return owners;
    }

    /// <summary>The model whose entry starts last at or before <paramref name="line"/>; -1 before every model.</summary>
    private static int ModelAt(AuditConfig full, int line)
    {
        var model = -1;
        for (var m = 0; m < full.Models.Count; m++)
        {
            var start = full.Models[m].Location.Line;
            if (start <= line && (model < 0 || start >= full.Models[model].Location.Line))
            {
                model = m;
            }
        }

        return model;
    }

    private static int FindIndex(IReadOnlyList<PartialModel> models, int index)
    {
        for (var k = 0; k < models.Count; k++)
        {
            if (models[k].Index == index)
            {
                return k;
            }
        }

        return -1;
    }

    private static int FindCheck(ImageResult image, Finding finding, Func<int, bool> unused)
    {
        for (var c = 0; c < image.Checks.Count; c++)
        {
            if (image.Checks[c].Code == finding.Code && image.Checks[c].Message == finding.Message && unused(c))
            {
                return c;
            }
        }

        return -1;
    }
}
