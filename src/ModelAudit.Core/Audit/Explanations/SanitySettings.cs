using ModelAudit.Core.Analysis.Sanity;
using ModelAudit.Core.Audit.Config;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>
/// "sanityCheck" of a model: the cascading randomization test on the model's first <see cref="Images"/> images.
/// <see cref="From"/> is the whole model's image list when the entry is a shard's part (the test then runs in one
/// shard, on the same images as the unsharded audit); null means the entry's own images.
/// </summary>
public sealed record SanitySettings(SanityOptions Options, int Images = SanitySettings.DefaultImages, IReadOnlyList<ImageEntry>? From = null)
{
    public const int DefaultImages = 4;
}
