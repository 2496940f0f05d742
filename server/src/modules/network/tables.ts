/** Named towns and villages of the network (the older network tables are still in db/schema.ts). */
export interface NetworkPlaceTables {
  network_places: NetworkPlacesTable;
}

export interface NetworkPlacesTable {
  id: string;
  name: string;
  place_type: string;
  /** the feature as imported (JSON), like the lines, stations and sites */
  feature: string;
  updated_at: string;
}
