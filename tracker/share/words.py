"""The 256 words safety words are spelled with: short, common, easy to say and to hear apart."""

from __future__ import annotations

# One byte, one word. Chosen for reading aloud over a phone line: concrete things, no two
# that sound alike, none that could sting in a couple's conversation. Never reorder or
# change a word: both partners' trackers must spell the same bytes the same way.
WORDS: tuple[str, ...] = (
    "acorn", "anchor", "apple", "apron", "arrow", "atlas", "attic", "autumn",
    "badge", "bagel", "bamboo", "banjo", "barn", "basket", "beach", "beacon",
    "beetle", "bench", "berry", "bicycle", "biscuit", "blanket", "blossom", "bottle",
    "breeze", "brick", "bridge", "brook", "bubble", "bucket", "buffalo", "button",
    "cabin", "cactus", "camel", "camera", "candle", "canoe", "canyon", "carpet",
    "carrot", "castle", "cedar", "cello", "cherry", "chimney", "cinnamon", "circus",
    "clover", "cobalt", "coconut", "comet", "compass", "copper", "coral", "cotton",
    "cradle", "crayon", "cricket", "crystal", "cupboard", "daisy", "dolphin", "domino",
    "donkey", "dragon", "drum", "eagle", "easel", "echo", "elbow", "ember",
    "emerald", "engine", "falcon", "feather", "fern", "fiddle", "finch", "flannel",
    "flute", "forest", "fossil", "fountain", "fox", "galaxy", "garden", "garlic",
    "geyser", "ginger", "giraffe", "glacier", "globe", "goose", "granite", "grape",
    "gravel", "guitar", "hammock", "harbor", "harp", "hazel", "hedgehog", "helmet",
    "heron", "hickory", "honey", "horizon", "iceberg", "igloo", "island", "ivory",
    "jacket", "jaguar", "jasmine", "jigsaw", "juniper", "kayak", "kettle", "kitten",
    "koala", "ladder", "lagoon", "lantern", "lemon", "lettuce", "library", "lighthouse",
    "lilac", "lizard", "lobster", "locket", "lotus", "magnet", "mango", "maple",
    "marble", "meadow", "melon", "meteor", "mitten", "monsoon", "moose", "mosaic",
    "muffin", "mustard", "napkin", "nectar", "needle", "nest", "nutmeg", "oasis",
    "ocean", "octopus", "olive", "onion", "orbit", "orchard", "otter", "owl",
    "oyster", "paddle", "palace", "panda", "paper", "parrot", "peach", "pebble",
    "pelican", "pencil", "pepper", "piano", "pickle", "pillow", "pine", "planet",
    "pocket", "pond", "poppy", "potato", "pottery", "prairie", "pretzel", "pumpkin",
    "puzzle", "quartz", "quilt", "rabbit", "raccoon", "radio", "rainbow", "raven",
    "reef", "ribbon", "river", "robin", "rocket", "saddle", "saffron", "salmon",
    "sandal", "satellite", "scarf", "seashell", "shadow", "sheep", "shovel", "silver",
    "skate", "sled", "sloth", "snail", "sparrow", "spinach", "spoon", "spruce",
    "squirrel", "stamp", "starfish", "statue", "sunflower", "swan", "sweater", "table",
    "tadpole", "teapot", "thistle", "thunder", "tiger", "timber", "toast", "tomato",
    "topaz", "tortoise", "tractor", "trumpet", "tulip", "tunnel", "turnip", "umbrella",
    "valley", "velvet", "violin", "volcano", "wagon", "walnut", "walrus", "whale",
    "wheat", "whistle", "willow", "window", "winter", "yacht", "zebra", "zipper",
)  # fmt: skip


def words_for(digest: bytes) -> tuple[str, ...]:
    """One word per byte of `digest`."""
    return tuple(WORDS[byte] for byte in digest)
