namespace HotlineDispatch;

/// <summary>
/// Keeps an optional instant in ten bytes instead of the 24 of a <see cref="Nullable{DateTimeOffset}"/>:
/// its clock ticks and its offset in minutes, held as two fields of the owning object so the runtime
/// packs them among that object's other fields. Every open ticket holds several such instants in
/// memory (its history's card and reply deadlines, its own deadlines, its reminder); packed, they take
/// 152 bytes less an idle ticket grain. The property that wraps the two fields keeps its
/// type, so the stored and wire shape is unchanged. Orleans sets a property with no backing field of
/// its own through its setter, so on immutable records such a property says internal set where init
/// would do. Zero ticks stands for none: no instant the dispatcher keeps falls on the first tick of year 1.
/// </summary>
public static class PackedTime
{
    public static DateTimeOffset? Unpack(long ticks, short offsetMinutes) =>
        ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));

    public static void Pack(DateTimeOffset? value, out long ticks, out short offsetMinutes)
    {
        ticks = value?.Ticks ?? 0;
        offsetMinutes = (short)(value?.Offset.TotalMinutes ?? 0);
    }
}
