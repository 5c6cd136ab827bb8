"""The words safety words are spelled with: the PGP word list, made for reading aloud.

Two partners compare their safety words by voice, often over a phone line. The PGP word
list (Juola and Zimmermann, 1995; public domain; the one ZRTP uses for its short
authentication string) was chosen by a search for words far apart in sound: 256
two-syllable words for the bytes in even places, 256 three-syllable words for the odd
ones, so a dropped or swapped word is heard as well. Never reorder or change a word:
both partners' trackers must spell the same bytes the same way.

Pairings made before it (pairing version 1) keep their words from `FIRST_WORDS`: the
two partners compared those once, and both trackers keep showing them.
"""

from __future__ import annotations

# Byte values 0x00 to 0xFF, in the list's order.
EVEN_WORDS: tuple[str, ...] = (  # two syllables, for bytes in even places
    "aardvark", "absurd", "accrue", "acme", "adrift", "adult", "afflict", "ahead", "aimless",
    "Algol", "allow", "alone", "ammo", "ancient", "apple", "artist", "assume", "Athens", "atlas",
    "Aztec", "baboon", "backfield", "backward", "banjo", "beaming", "bedlamp", "beehive",
    "beeswax", "befriend", "Belfast", "berserk", "billiard", "bison", "blackjack", "blockade",
    "blowtorch", "bluebird", "bombast", "bookshelf", "brackish", "breadline", "breakup",
    "brickyard", "briefcase", "Burbank", "button", "buzzard", "cement", "chairlift", "chatter",
    "checkup", "chisel", "choking", "chopper", "Christmas", "clamshell", "classic", "classroom",
    "cleanup", "clockwork", "cobra", "commence", "concert", "cowbell", "crackdown", "cranky",
    "crowfoot", "crucial", "crumpled", "crusade", "cubic", "dashboard", "deadbolt", "deckhand",
    "dogsled", "dragnet", "drainage", "dreadful", "drifter", "dropper", "drumbeat", "drunken",
    "Dupont", "dwelling", "eating", "edict", "egghead", "eightball", "endorse", "endow", "enlist",
    "erase", "escape", "exceed", "eyeglass", "eyetooth", "facial", "fallout", "flagpole",
    "flatfoot", "flytrap", "fracture", "framework", "freedom", "frighten", "gazelle", "Geiger",
    "glitter", "glucose", "goggles", "goldfish", "gremlin", "guidance", "hamlet", "highchair",
    "hockey", "indoors", "indulge", "inverse", "involve", "island", "jawbone", "keyboard",
    "kickoff", "kiwi", "klaxon", "locale", "lockup", "merit", "minnow", "miser", "Mohawk", "mural",
    "music", "necklace", "Neptune", "newborn", "nightbird", "Oakland", "obtuse", "offload",
    "optic", "orca", "payday", "peachy", "pheasant", "physique", "playhouse", "Pluto", "preclude",
    "prefer", "preshrunk", "printer", "prowler", "pupil", "puppy", "python", "quadrant", "quiver",
    "quota", "ragtime", "ratchet", "rebirth", "reform", "regain", "reindeer", "rematch", "repay",
    "retouch", "revenge", "reward", "rhythm", "ribcage", "ringbolt", "robust", "rocker", "ruffled",
    "sailboat", "sawdust", "scallion", "scenic", "scorecard", "Scotland", "seabird", "select",
    "sentence", "shadow", "shamrock", "showgirl", "skullcap", "skydive", "slingshot", "slowdown",
    "snapline", "snapshot", "snowcap", "snowslide", "solo", "southward", "soybean", "spaniel",
    "spearhead", "spellbind", "spheroid", "spigot", "spindle", "spyglass", "stagehand", "stagnate",
    "stairway", "standard", "stapler", "steamship", "sterling", "stockman", "stopwatch", "stormy",
    "sugar", "surmount", "suspense", "sweatband", "swelter", "tactics", "talon", "tapeworm",
    "tempest", "tiger", "tissue", "tonic", "topmost", "tracker", "transit", "trauma", "treadmill",
    "Trojan", "trouble", "tumor", "tunnel", "tycoon", "uncut", "unearth", "unwind", "uproot",
    "upset", "upshot", "vapor", "village", "virus", "Vulcan", "waffle", "wallet", "watchword",
    "wayside", "willow", "woodlark", "Zulu",
)  # fmt: skip

ODD_WORDS: tuple[str, ...] = (  # three syllables, for bytes in odd places
    "adroitness", "adviser", "aftermath", "aggregate", "alkali", "almighty", "amulet", "amusement",
    "antenna", "applicant", "Apollo", "armistice", "article", "asteroid", "Atlantic", "atmosphere",
    "autopsy", "Babylon", "backwater", "barbecue", "belowground", "bifocals", "bodyguard",
    "bookseller", "borderline", "bottomless", "Bradbury", "bravado", "Brazilian", "breakaway",
    "Burlington", "businessman", "butterfat", "Camelot", "candidate", "cannonball", "Capricorn",
    "caravan", "caretaker", "celebrate", "cellulose", "certify", "chambermaid", "Cherokee",
    "Chicago", "clergyman", "coherence", "combustion", "commando", "company", "component",
    "concurrent", "confidence", "conformist", "congregate", "consensus", "consulting", "corporate",
    "corrosion", "councilman", "crossover", "crucifix", "cumbersome", "customer", "Dakota",
    "decadence", "December", "decimal", "designing", "detector", "detergent", "determine",
    "dictator", "dinosaur", "direction", "disable", "disbelief", "disruptive", "distortion",
    "document", "embezzle", "enchanting", "enrollment", "enterprise", "equation", "equipment",
    "escapade", "Eskimo", "everyday", "examine", "existence", "exodus", "fascinate", "filament",
    "finicky", "forever", "fortitude", "frequency", "gadgetry", "Galveston", "getaway", "glossary",
    "gossamer", "graduate", "gravity", "guitarist", "hamburger", "Hamilton", "handiwork",
    "hazardous", "headwaters", "hemisphere", "hesitate", "hideaway", "holiness", "hurricane",
    "hydraulic", "impartial", "impetus", "inception", "indigo", "inertia", "infancy", "inferno",
    "informant", "insincere", "insurgent", "integrate", "intention", "inventive", "Istanbul",
    "Jamaica", "Jupiter", "leprosy", "letterhead", "liberty", "maritime", "matchmaker", "maverick",
    "Medusa", "megaton", "microscope", "microwave", "midsummer", "millionaire", "miracle",
    "misnomer", "molasses", "molecule", "Montana", "monument", "mosquito", "narrative", "nebula",
    "newsletter", "Norwegian", "October", "Ohio", "onlooker", "opulent", "Orlando", "outfielder",
    "Pacific", "pandemic", "Pandora", "paperweight", "paragon", "paragraph", "paramount",
    "passenger", "pedigree", "Pegasus", "penetrate", "perceptive", "performance", "pharmacy",
    "phonetic", "photograph", "pioneer", "pocketful", "politeness", "positive", "potato",
    "processor", "provincial", "proximate", "puberty", "publisher", "pyramid", "quantity",
    "racketeer", "rebellion", "recipe", "recover", "repellent", "replica", "reproduce", "resistor",
    "responsive", "retraction", "retrieval", "retrospect", "revenue", "revival", "revolver",
    "sandalwood", "sardonic", "Saturday", "savagery", "scavenger", "sensation", "sociable",
    "souvenir", "specialist", "speculate", "stethoscope", "stupendous", "supportive", "surrender",
    "suspicious", "sympathy", "tambourine", "telephone", "therapist", "tobacco", "tolerance",
    "tomorrow", "torpedo", "tradition", "travesty", "trombonist", "truncated", "typewriter",
    "ultimate", "undaunted", "underfoot", "unicorn", "unify", "universe", "unravel", "upcoming",
    "vacancy", "vagabond", "vertigo", "Virginia", "visitor", "vocalist", "voyager", "warranty",
    "Waterloo", "whimsical", "Wichita", "Wilmington", "Wyoming", "yesteryear", "Yucatan",
)  # fmt: skip

# The first list (pairing version 1): one byte, one concrete word.
FIRST_WORDS: tuple[str, ...] = (
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

# Which list a pairing's words come from (its pairing version; see tracker.share.pairing).
FIRST_LIST = 1
PGP_LIST = 2


def words_for(digest: bytes, word_list: int = PGP_LIST) -> tuple[str, ...]:
    """One word per byte of `digest`: PGP words alternating even and odd, or the first list."""
    if word_list == FIRST_LIST:
        return tuple(FIRST_WORDS[byte] for byte in digest)
    return tuple(
        (EVEN_WORDS if place % 2 == 0 else ODD_WORDS)[byte] for place, byte in enumerate(digest)
    )
