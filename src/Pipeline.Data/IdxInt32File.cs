using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Data;

/// <summary>
/// IDX files of signed 32-bit integers (type code 0x0C, big-endian elements), for values that do not fit a byte, such
/// as VQ-VAE-2 code indices into a 512-entry codebook. Same layout as <see cref="IdxFile"/>: two zero bytes, the type
/// code, the dimension count, one big-endian int32 per dimension, then the elements row-major.
/// </summary>
public static class IdxInt32File
{
    private const byte Int32Type = 0x0C;
    private const int MaxDimensions = IdxLayout.MaxDimensions;

    /// <summary>Writes atomically, gzip-compressed when <paramref name="path"/> ends in <c>.gz</c>.</summary>
    /// <exception cref="ArgumentException">The dimensions are not 1 to 4 positive sizes whose product is the value count.</exception>
    public static void Write(string path, int[] dimensions, int[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (dimensions.Length is < 1 or > MaxDimensions || dimensions.Any(d => d <= 0))
        {
            throw new ArgumentException($"Expected 1 to {MaxDimensions} positive dimensions, found {IdxLayout.FormatDimensions(dimensions)}.", nameof(dimensions));
        }

        if (dimensions.Aggregate(1L, (p, d) => p * d) != values.LongLength)
        {
            throw new ArgumentException($"Expected {dimensions.Aggregate(1L, (p, d) => p * d)} values for dimensions {IdxLayout.FormatDimensions(dimensions)}, found {values.Length}.", nameof(values));
        }

        var header = IdxLayout.Header(Int32Type, dimensions);
        var bytes = new byte[header.Length + (4 * values.Length)];
        header.CopyTo(bytes, 0);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(header.Length + (4 * i)), values[i]);
        }

        IdxLayout.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Reads an int32 IDX file, raw or gzip-compressed.</summary>
    /// <exception cref="InvalidDataException">Not a well-formed int32 IDX file; the message names the file and what was found.</exception>
    public static (int[] Dimensions, int[] Values) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: IDX file not found.", path);
        }

        var raw = File.ReadAllBytes(path);
        if (IdxLayout.IsGzip(raw))
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var copy = new MemoryStream();
            gzip.CopyTo(copy);
            raw = copy.ToArray();
        }

        if (raw.Length < 4 || raw[0] != 0 || raw[1] != 0)
        {
            throw new InvalidDataException($"{path}: expected an IDX magic number starting with two zero bytes.");
        }

        if (raw[2] != Int32Type)
        {
            throw new InvalidDataException($"{path}: expected IDX type code 0x{Int32Type:X2} (int32), found 0x{raw[2]:X2}.");
        }

        int rank = raw[3];
        if (rank is < 1 or > MaxDimensions || raw.Length < 4 + (4 * rank))
        {
            throw new InvalidDataException($"{path}: expected 1 to {MaxDimensions} dimensions and their sizes, found rank {rank} in {raw.Length} bytes.");
        }

        var dimensions = Enumerable.Range(0, rank).Select(i => BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(4 + (4 * i)))).ToArray();
        var count = dimensions.Aggregate(1L, (p, d) => p * d);
        var offset = 4 + (4 * rank);
        if (dimensions.Any(d => d <= 0) || raw.Length - offset != 4 * count)
        {
            throw new InvalidDataException($"{path}: dimensions {IdxLayout.FormatDimensions(dimensions)} need {4 * count} bytes of data, found {raw.Length - offset}.");
        }

        var values = new int[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(offset + (4 * i)));
        }

        return (dimensions, values);
    }
}
