namespace Pipeline.Models; internal static class AssemblyMarker { }
