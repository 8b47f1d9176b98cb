namespace Pipeline.Onnx.Optimization.Adoption;

/// <summary>What <see cref="OnnxAdoption.Adopt"/> wrote and checked.</summary>
/// <param name="Path">The adopted file.</param>
/// <param name="Metadata">The pipeline.* metadata written into it.</param>
/// <param name="Notes">How each setting was found ("value range [-1, 1] from the output's Tanh"), for the user and the card.</param>
/// <param name="MaxDifferences">Largest |original − adopted| per output on random inputs at batch 1 and 3, in ONNX Runtime.</param>
/// <param name="Rewrites">ONNX Runtime CPU rewrites applied, by name (empty unless asked).</param>
public sealed record AdoptionReport(string Path, IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, double> MaxDifferences, IReadOnlyDictionary<string, int> Rewrites);
