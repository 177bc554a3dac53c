import json,glob,os,sys
X0,X1,Y0,Y1,Z0,Z1=[int(a) for a in sys.argv[1:7]]
dirs=glob.glob('s50/all/*-default')+glob.glob('s51/h7/*-default')+glob.glob('s51/h8/*-default')
dirs=[d for d in dirs if not any('/%d-'%s in d for s in range(65000,73000,1000))]+glob.glob('s51/t_f/*-default')
n=f=0
for d in sorted(dirs):
    fjs=d+'/c3n-raised.json'
    if not os.path.exists(fjs): continue
    J=json.load(open(fjs))
    for ri,r in enumerate(J['rounds']):
        for c in r['clots']:
            v=c['center_voxel']
            if X0<=v[0]<=X1 and Y0<=v[1]<=Y1 and Z0<=v[2]<=Z1:
                n+=1; f+=c['detected']
                print(d.split('/')[-1][:6],ri,v,c['shape'][:4],c['level'][:3],round(c['truth_volume_mm3']),'found' if c['detected'] else 'MISS','ch%.0f'%c.get('channel_hu',0),'ps%.2f'%c.get('patent_share',0),'r%.1f'%c['radius_mm'],'occ' if c.get('occludes_section') else '','vis' if c.get('visible_defect') else 'invis')
print(f,'of',n)
