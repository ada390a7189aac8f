using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// inputs.txt in the report folder: every file the audit read (config, models, images, region masks,
/// baseline), one absolute path a line. MSBuild uses it as the Inputs of its incremental target.
/// </summary>
public static class InputsFile
{
    public const string FileName = "inputs.txt";

    public static void Write(AuditConfig config, string reportDirectory)
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
        }

        if (Directory.Exists(config.BaselineDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(config.BaselineDirectory, "*", SearchOption.AllDirectories))
            {
                paths.Add(Path.GetFullPath(file));
            }
        }

        AtomicFile.WriteText(Path.Combine(reportDirectory, FileName), string.Join('\n', paths) + "\n");
    }
}
