"""Every demo story, in build order (a story links only to earlier ones)."""

from articles.demo.stories import home_front, opinion_culture, war, world
from articles.demo.story import Story
from articles.demo.templated import templated_stories


def all_stories() -> list[Story]:
    return [
        *world.STORIES,
        *war.STORIES,
        *home_front.STORIES,
        *opinion_culture.STORIES,
        *templated_stories(),
    ]
