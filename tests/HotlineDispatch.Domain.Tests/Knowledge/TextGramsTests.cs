using HotlineDispatch.Knowledge;

namespace HotlineDispatch.Tests.Knowledge;

public sealed class TextGramsTests
{
    [Fact]
    public void Han_runs_give_characters_and_pairs_and_other_runs_give_lower_case_words()
    {
        Assert.Equal(new HashSet<string> { "社", "保", "卡", "社保", "保卡" }, TextGrams.Of("社保卡").ToHashSet());
        Assert.Equal(new HashSet<string> { "etc", "卡", "办", "理", "卡办", "办理", "tel", "12345" },
            TextGrams.Of("ETC卡办理，Ｔel：12345").ToHashSet());
    }

    [Fact]
    public void A_query_with_han_pairs_is_matched_by_its_pairs_and_words_only()
    {
        Assert.Equal(new HashSet<string> { "社保", "保卡", "卡补", "补办", "app" }, TextGrams.OfQuery("社保卡补办 APP").ToHashSet());
        Assert.Equal(new HashSet<string> { "电" }, TextGrams.OfQuery("电").ToHashSet());
        Assert.Empty(TextGrams.OfQuery("，。 "));
    }
}
