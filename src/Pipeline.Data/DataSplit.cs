namespace Pipeline.Data;

/// <summary>Which half of a data set with a fixed train/test split to load.</summary>
public enum DataSplit
{
    /// <summary>The training images.</summary>
    Train,

    /// <summary>The held-out test images.</summary>
    Test,
}
