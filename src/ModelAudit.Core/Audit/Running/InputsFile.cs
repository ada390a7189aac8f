using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;
using ModelAudit.Core.Reporting;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// inputs.txt in the report folder: every file the audit read (config, models, images, region masks, the
/// configured models' baseline files), one absolute path a line, and the baseline folder itself as the one line
/// ending in a slash (even before it exists: accepting a baseline creates files no earlier audit could list).
/// MSBuild uses it as the Inputs of its incremental target and watches the baseline folder as a whole.
/// </summary>
public sealed class InputsFile(AuditConfig config) : IReportWriter
{
    public const string Name = "inputs.txt";

    public string FileName => Name;

    public void Write(AuditReport report, string directory) =>
        AtomicFile.WriteText(Path.Combine(directory, FileName), Render(config));

    internal static string Render(AuditConfig config)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal) { config.Path };
        foreach (var model in config.Models)
        {
            paths.Add(model.FullPath);
            foreach (var image in model.Images)
            {
                paths.Add(image.FullPath);
                foreach (var mask in image.Regions.OfType<Regions.MaskRegion>())
                {
                    paths.Add(mask.FullPath);
                }
            }

            foreach (var file in BaselineStore.FilesOf(config.BaselineDirectory, model.Name))
            {
                paths.Add(Path.GetFullPath(file));
            }
        }

        paths.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(config.BaselineDirectory)) + "/");
        return string.Join('\n', paths) + "\n";
    }
}
