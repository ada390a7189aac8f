using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// Which shard audits an image: a hash of the model's name and the image's path as written in the config, so an
/// image stays in its shard when images are added, removed or reordered elsewhere, on every OS and run
/// (string.GetHashCode is salted per process). A model with no images is placed by its name alone.
/// </summary>
internal static class ShardAssignment
{
    /// <summary>The 1-based shard of <paramref name="count"/> that owns the pair.</summary>
    public static int ShardOf(string model, string? imagePath, int count)
    {
        // The name's length first, so no name and path can run together into another pair's key.
        var key = Encoding.UTF8.GetBytes(imagePath is null ? model : $"{model.Length}:{model}/{imagePath.Replace('\\', '/')}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key, hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    public static bool Owns(ShardSpec shard, string model, string? imagePath) =>
        ShardOf(model, imagePath, shard.Count) == shard.Index;
}
