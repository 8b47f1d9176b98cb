using System.Runtime.CompilerServices;

// Moved to Pipeline.Primitives (same namespace) so that SkiaSharp-free tools can write files atomically; code compiled
// against an older Pipeline.Data.dll still finds it here.
[assembly: TypeForwardedTo(typeof(Pipeline.Data.AtomicFile))]
