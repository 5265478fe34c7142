import { randomInt } from 'node:crypto';

/**
 * Words for per-thread aliases ("Quiet Heron"): gentle, neutral, none of them a judgement of the
 * person. 60 × 60 = 3,600 names per thread; the thread_aliases unique constraint decides collisions.
 */
export const ALIAS_ADJECTIVES: readonly string[] = [
  'Quiet', 'Gentle', 'Calm', 'Brave', 'Kind', 'Steady', 'Bright', 'Soft', 'Warm', 'Patient',
  'Hopeful', 'Still', 'Silver', 'Golden', 'Amber', 'Misty', 'Sunny', 'Mellow', 'Tender', 'Humble',
  'Curious', 'Thoughtful', 'Wandering', 'Peaceful', 'Earnest', 'Honest', 'Tranquil', 'Sturdy', 'Serene', 'Velvet',
  'Morning', 'Evening', 'Autumn', 'Winter', 'Spring', 'Summer', 'Northern', 'Southern', 'Coastal', 'Meadow',
  'River', 'Forest', 'Mountain', 'Harbor', 'Cedar', 'Willow', 'Maple', 'Clover', 'Lunar', 'Starlit',
  'Dawn', 'Dusk', 'Rainy', 'Snowy', 'Breezy', 'Cozy', 'Resilient', 'Tidal', 'Hushed', 'Bold',
];

export const ALIAS_ANIMALS: readonly string[] = [
  'Heron', 'Otter', 'Sparrow', 'Fox', 'Badger', 'Hare', 'Wren', 'Robin', 'Owl', 'Deer',
  'Seal', 'Finch', 'Crane', 'Swan', 'Lynx', 'Marten', 'Beaver', 'Dove', 'Lark', 'Hedgehog',
  'Tortoise', 'Dolphin', 'Whale', 'Panda', 'Koala', 'Bison', 'Moose', 'Elk', 'Falcon', 'Kestrel',
  'Puffin', 'Penguin', 'Raven', 'Magpie', 'Starling', 'Kingfisher', 'Salmon', 'Trout', 'Turtle', 'Gecko',
  'Butterfly', 'Moth', 'Bee', 'Firefly', 'Squirrel', 'Chipmunk', 'Mole', 'Vole', 'Ferret', 'Stoat',
  'Llama', 'Alpaca', 'Yak', 'Ibex', 'Gazelle', 'Okapi', 'Tapir', 'Lemur', 'Manatee', 'Pelican',
];

/** A random alias; randomness comes from the CSPRNG so aliases cannot be predicted from a thread id. */
export function randomAlias(): string {
  return `${ALIAS_ADJECTIVES[randomInt(ALIAS_ADJECTIVES.length)]} ${ALIAS_ANIMALS[randomInt(ALIAS_ANIMALS.length)]}`;
}
