namespace Pipeline.MLNet.PlainApp;

/// <summary>
/// What a writer contributes to a plain ML.NET zip: the input rows, the estimator that runs the model on them, the
/// input columns with their ML.NET types, and how each row pairs with the image it gave in the expected-outputs file.
/// </summary>
internal sealed record PlainModelRows(IDataView Data, GenerativeOnnxEstimator Estimator, (string Column, string Type)[] Inputs, Func<float[][], object[]> Expected);
