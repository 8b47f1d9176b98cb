using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Data;

/// <summary>
/// What every IDX file shares whatever its element type (<see cref="IdxFile"/> bytes, <see cref="IdxInt32File"/>
/// int32): the header (two zero bytes, the type code, the dimension count, one big-endian int32 per dimension), gzip
/// recognised by its magic bytes on reading and chosen by a <c>.gz</c> ending on writing, and atomic writes.
/// </summary>
internal static class IdxLayout
{
    /// <summary>The most dimensions an IDX file of this project has (images: count, channels, height, width).</summary>
    public const int MaxDimensions = 4;

    /// <summary>The header of a file of <paramref name="typeCode"/> elements and <paramref name="dimensions"/>.</summary>
    public static byte[] Header(byte typeCode, int[] dimensions)
    {
        var header = new byte[4 + (4 * dimensions.Length)];
        header[2] = typeCode;
        header[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        return header;
    }

    /// <summary>
    /// Writes <paramref name="path"/> through <see cref="AtomicFile"/> (a crash or a throwing writer leaves no partial
    /// file), gzip-compressed when it ends in <c>.gz</c>; <paramref name="write"/> gets the (compressing) stream.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var compress = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, file =>
        {
            using var gzip = compress ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) : null;
            write((Stream?)gzip ?? file);
        });
    }

    /// <summary>Whether <paramref name="start"/>, a file's first bytes, are gzip's magic number.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> start) => start.Length >= 2 && start[0] == 0x1f && start[1] == 0x8b;

    /// <summary>Dimensions as the messages write them, e.g. 60000x28x28.</summary>
    public static string FormatDimensions(int[] dimensions) => string.Join('x', dimensions);
}
