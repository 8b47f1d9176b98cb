namespace Pipeline.Data;

/// <summary>The content of an unsigned-byte IDX file (type code 0x08): its dimensions and its row-major data.</summary>
/// <param name="Dimensions">The size of each dimension, outermost first, e.g. <c>[60000, 28, 28]</c>.</param>
/// <param name="Data">The elements in row-major order; its length is the product of <paramref name="Dimensions"/>.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Data);
